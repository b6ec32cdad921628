"use client";
// The Kubernetes Object Status tab's content: every step's section in step order (with the
// details drawer of the selected row, see step-sections.tsx), a connection note, loading/error
// states.
import type { StepTableSnapshot } from "@/server/contracts/live.ts";
import { Button } from "@/components/ui/button.tsx";
import { Notice } from "@/components/ui/notice.tsx";
import { ConnectionIndicator } from "./connection-indicator.tsx";
import { orderedSteps } from "./row-reducer.ts";
import { StepSections } from "./step-sections.tsx";
import { useLiveDeployment } from "./use-live-deployment.ts";

export function LiveObjectStatus({ deploymentId, initialSteps }: { deploymentId: string; initialSteps?: StepTableSnapshot[] }) {
  const { tables, load, retry, connection, joinError } = useLiveDeployment(deploymentId, initialSteps);

  const steps = orderedSteps(tables);
  if (steps.length === 0) {
    if (load.kind === "loading") return <p className="text-sm text-slate-500">Loading Kubernetes objects…</p>;
    if (load.kind === "error") return <LoadError message={load.message} onRetry={retry} />;
    return <p className="text-sm text-slate-600">This deployment has no steps.</p>;
  }

  return (
    <div className="flex flex-col gap-4">
      <div className="flex min-h-5 flex-wrap items-center gap-3">
        <ConnectionIndicator state={connection} />
        {joinError ? <span className="text-xs text-red-700">{joinError}</span> : null}
      </div>
      {load.kind === "error" ? <LoadError message={load.message} onRetry={retry} /> : null}
      <StepSections steps={steps} withStepInUrl />
    </div>
  );
}

function LoadError({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <Notice tone="error" title="The Kubernetes objects could not be loaded">
      <p className="mt-1">{message}</p>
      <div className="mt-3">
        <Button onClick={onRetry}>Retry</Button>
      </div>
    </Notice>
  );
}
