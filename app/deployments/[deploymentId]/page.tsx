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
import { loadStepTimelines, runningTrackerTransitions } from "@/server/process/step-timelines.ts";
import { StepTimelinesProvider } from "@/components/timeline/timeline-data.tsx";
import type { DeploymentView } from "@/server/contracts/projects.ts";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ deploymentId: string }>; searchParams?: Promise<{ object?: string; tab?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const principal = await requirePagePermission("deployment:read");
  const deployment = await orNotFound(getDeployment(appContext().db, (await params).deploymentId));
  if (!canReadDeployment(principal, deployment)) notFound();
  return { title: `${deployment.projectName} ${deployment.releaseVersion} → ${deployment.environmentName}` };
}

export default async function DeploymentPage({ params, searchParams }: Props) {
  const principal = await requirePagePermission("deployment:read");
  const { db } = appContext();
  const { deploymentId } = await params;
  const deployment = await orNotFound(getDeployment(db, deploymentId));
  // A running deployment is not an auditor's to see: answered like an unknown id.
  if (!canReadDeployment(principal, deployment)) notFound();
  const [log, timelines] = await Promise.all([
    getStepLog(db, deployment.id),
    loadStepTimelines(
      db,
      deployment.steps.map((step) => step.id),
      runningTrackerTransitions,
    ),
  ]);
  const logByStepRun = Object.fromEntries(log.map((entry) => [entry.stepRunId, entry.lines]));
  const query = (await searchParams) ?? {};

  return (
    <div className="flex flex-col gap-6">
      <DeploymentHeader deployment={deployment} />
      <AutoRefresh active={isActiveDeployment(deployment.status)} />
      <Tabs
        initialTabId={initialTab(deployment, query)}
        urlParam="tab"
        label="Deployment details"
        tabs={[
          {
            id: "status",
            label: "Kubernetes Object Status",
            content: (
              <StepTimelinesProvider timelines={timelines}>
                <ObjectStatusTab deployment={deployment} />
              </StepTimelinesProvider>
            ),
          },
          { id: "log", label: "Task log", content: <TaskLogTab steps={deployment.steps} logByStepRun={logByStepRun} /> },
        ]}
      />
    </div>
  );
}

/**
 * `?tab=log` or `?tab=status` as asked; an object's link (`?object=`) opens the tab its drawer is
 * on. Otherwise Kubernetes Object Status, where a running step shows what it waits for, unless no
 * step verifies its objects (then the status tab has nothing to show and the Task log opens).
 */
function initialTab(deployment: DeploymentView, query: { object?: string; tab?: string | string[] }): "status" | "log" {
  const asked = Array.isArray(query.tab) ? query.tab[0] : query.tab;
  if (asked === "log" || asked === "status") return asked;
  if (query.object) return "status";
  return deployment.steps.some((step) => step.verificationEnabled) ? "status" : "log";
}
