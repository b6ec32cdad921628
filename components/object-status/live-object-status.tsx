"use client";
// The Kubernetes Object Status tab's content: every step's section in step order, a connection
// note, loading/error states, and the details drawer of the selected row.
import { useCallback, useState } from "react";
import type { StepTableSnapshot } from "@/server/contracts/live.ts";
import { Button } from "@/components/ui/button.tsx";
import { Notice } from "@/components/ui/notice.tsx";
import { ConnectionIndicator } from "./connection-indicator.tsx";
import { ObjectDrawer } from "./object-drawer.tsx";
import { orderedSteps } from "./row-reducer.ts";
import { StepSection } from "./step-section.tsx";
import { useLiveDeployment } from "./use-live-deployment.ts";

type Selection = { stepRunId: string; key: string };

export function LiveObjectStatus({ deploymentId, initialSteps }: { deploymentId: string; initialSteps?: StepTableSnapshot[] }) {
  const { tables, load, retry, connection, joinError } = useLiveDeployment(deploymentId, initialSteps);
  const [selection, setSelection] = useState<Selection | null>(null);
  const onOpen = useCallback((stepRunId: string, key: string) => setSelection({ stepRunId, key }), []);
  const onClose = useCallback(() => setSelection(null), []);

  const steps = orderedSteps(tables);
  if (steps.length === 0) {
    if (load.kind === "loading") return <p className="text-sm text-slate-500">Loading Kubernetes objects…</p>;
    if (load.kind === "error") return <LoadError message={load.message} onRetry={retry} />;
    return <p className="text-sm text-slate-600">This deployment has no steps.</p>;
  }

  // The drawer follows the live row; a row that disappeared keeps the drawer closed.
  const selectedRow = selection ? tables.steps[selection.stepRunId]?.rows.get(selection.key) : undefined;

  return (
    <div className="flex flex-col gap-4">
      <div className="flex min-h-5 flex-wrap items-center gap-3">
        <ConnectionIndicator state={connection} />
        {joinError ? <span className="text-xs text-red-700">{joinError}</span> : null}
      </div>
      {load.kind === "error" ? <LoadError message={load.message} onRetry={retry} /> : null}
      {steps.map((step, index) => (
        <StepSection
          key={step.stepRunId}
          step={step}
          number={index + 1}
          selectedKey={selection?.stepRunId === step.stepRunId ? selection.key : null}
          onOpen={onOpen}
        />
      ))}
      {selection && selectedRow ? (
        <ObjectDrawer key={`${selection.stepRunId}/${selection.key}`} stepRunId={selection.stepRunId} row={selectedRow} onClose={onClose} />
      ) : null}
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
