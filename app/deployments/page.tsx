import type { Metadata } from "next";
import { appContext } from "@/server/context.ts";
import { listDeployments } from "@/server/process/deployments.ts";
import { DeploymentList } from "@/components/deployments/deployment-list.tsx";
import { requirePagePermission } from "@/server/auth/page-auth.ts";
import { canReadDeployment } from "@/server/auth/permissions.ts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Deployments" };

export default async function DeploymentsPage() {
  const principal = await requirePagePermission("deployment:read");
  const deployments = await listDeployments(appContext().db, { finishedOnly: !canReadDeployment(principal, { finishedAt: null }) }, 50);
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Recent deployments</h1>
      <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <DeploymentList deployments={deployments} showProject />
      </div>
    </div>
  );
}
