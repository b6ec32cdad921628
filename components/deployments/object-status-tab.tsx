// "Kubernetes Object Status": one section per step, in step order, each with its live (or frozen)
// object table. The live part lives in components/object-status.
import type { DeploymentView } from "@/server/contracts/projects.ts";
import { LiveObjectStatus } from "@/components/object-status/live-object-status.tsx";

export type ObjectStatusTabProps = { deployment: DeploymentView };

export function ObjectStatusTab({ deployment }: ObjectStatusTabProps) {
  if (deployment.steps.length === 0) return <p className="text-sm text-slate-600">This deployment has no steps.</p>;
  return <LiveObjectStatus deploymentId={deployment.id} />;
}
