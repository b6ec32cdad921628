import type { Metadata } from "next";
import { appContext } from "@/server/context.ts";
import { getDeployment, getStepLog } from "@/server/process/deployments.ts";
import { orNotFound } from "@/components/projects/or-not-found.ts";
import { DeploymentHeader } from "@/components/deployments/deployment-header.tsx";
import { Tabs } from "@/components/deployments/tabs.tsx";
import { TaskLogTab } from "@/components/deployments/task-log-tab.tsx";
import { ObjectStatusTab } from "@/components/deployments/object-status-tab.tsx";
import { AutoRefresh } from "@/components/deployments/auto-refresh.tsx";
import { isActiveDeployment } from "@/components/deployments/status-badge.tsx";
import { requirePagePermission } from "@/server/auth/page-auth.ts";
import { canReadDeployment } from "@/server/auth/permissions.ts";
import { notFound } from "next/navigation";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ deploymentId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const principal = await requirePagePermission("deployment:read");
  const deployment = await orNotFound(getDeployment(appContext().db, (await params).deploymentId));
  if (!canReadDeployment(principal, deployment)) notFound();
  return { title: `${deployment.projectName} ${deployment.releaseVersion} → ${deployment.environmentName}` };
}

export default async function DeploymentPage({ params }: Props) {
  const principal = await requirePagePermission("deployment:read");
  const { db } = appContext();
  const { deploymentId } = await params;
  const deployment = await orNotFound(getDeployment(db, deploymentId));
  // A running deployment is not an auditor's to see: answered like an unknown id.
  if (!canReadDeployment(principal, deployment)) notFound();
  const log = await getStepLog(db, deployment.id);
  const logByStepRun = Object.fromEntries(log.map((entry) => [entry.stepRunId, entry.lines]));

  return (
    <div className="flex flex-col gap-6">
      <DeploymentHeader deployment={deployment} />
      <AutoRefresh active={isActiveDeployment(deployment.status)} />
      <Tabs
        label="Deployment details"
        tabs={[
          { id: "task-log", label: "Task log", content: <TaskLogTab steps={deployment.steps} logByStepRun={logByStepRun} /> },
          { id: "object-status", label: "Kubernetes Object Status", content: <ObjectStatusTab deployment={deployment} /> },
        ]}
      />
    </div>
  );
}
