// "Kubernetes Object Status": one section per step, in step order. For now every section is an
// empty state; the status-engine issue replaces this component with the live table (same props).
import type { DeploymentView } from "@/server/contracts/projects.ts";
import { StatusBadge } from "./status-badge.tsx";

export type ObjectStatusTabProps = { deployment: DeploymentView };

export function ObjectStatusTab({ deployment }: ObjectStatusTabProps) {
  if (deployment.steps.length === 0) return <p className="text-sm text-slate-600">This deployment has no steps.</p>;
  return (
    <div className="flex flex-col gap-4">
      {deployment.steps.map((step, index) => (
        <section key={step.id} aria-labelledby={`object-status-${step.id}`} className="rounded-lg border border-slate-200 bg-white shadow-sm">
          <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-3">
            <h3 id={`object-status-${step.id}`} className="font-medium text-slate-900">
              {index + 1}. {step.name}
            </h3>
            <StatusBadge status={step.status} />
            {step.verificationEnabled ? null : <span className="text-xs text-slate-500">Verification off</span>}
          </div>
          <p className="px-4 py-6 text-center text-sm text-slate-500">No Kubernetes objects were tracked for this step</p>
        </section>
      ))}
    </div>
  );
}
