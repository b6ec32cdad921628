"use client";
// One step of the Kubernetes Object Status tab: a header (name, outcome, countdown or snapshot
// time) and its object table, or a one-line note when the step has no table to show.
import { useCallback } from "react";
import { StatusBadge } from "@/components/deployments/status-badge.tsx";
import type { LiveStepTable } from "./row-reducer.ts";
import { ObjectTable } from "./object-table.tsx";
import { StepPhaseNote } from "./step-phase-note.tsx";

type StepSectionProps = {
  step: LiveStepTable;
  number: number;
  selectedKey: string | null;
  onOpen: (stepRunId: string, key: string) => void;
};

export function StepSection({ step, number, selectedKey, onOpen }: StepSectionProps) {
  // Stable per step, so memoised rows are not re-rendered by a new callback.
  const onOpenKey = useCallback((key: string) => onOpen(step.stepRunId, key), [onOpen, step.stepRunId]);
  const headingId = `object-status-${step.stepRunId}`;
  return (
    <section aria-labelledby={headingId} data-step-run={step.stepRunId} className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-3">
        <h3 id={headingId} className="font-medium text-slate-900">
          {number}. {step.name}
        </h3>
        <StatusBadge status={step.status} />
        <StepPhaseNote phase={step.phase} frozenAt={step.frozenAt} />
      </div>
      {step.outcomeMessage ? <p className="whitespace-pre-wrap break-words px-4 pt-3 text-sm text-slate-800">{step.outcomeMessage}</p> : null}
      <StepBody step={step} selectedKey={selectedKey} onOpenKey={onOpenKey} />
    </section>
  );
}

function StepBody({ step, selectedKey, onOpenKey }: { step: LiveStepTable; selectedKey: string | null; onOpenKey: (key: string) => void }) {
  if (step.rows.size > 0) return <ObjectTable stepName={step.name} rows={step.rows} selectedKey={selectedKey} onOpen={onOpenKey} />;
  return <p className="px-4 py-4 text-sm text-slate-500">{emptyNote(step)}</p>;
}

function emptyNote(step: LiveStepTable): string {
  if (!step.verificationEnabled) return "Verification is off for this step: its objects are not tracked.";
  if (step.status === "Skipped") return "The step was skipped.";
  if (step.status === "NotExecuted") return "The step was not executed.";
  switch (step.phase.name) {
    case "pending":
      return "Not started yet.";
    case "rendering":
    case "applying":
      return `No objects yet — the step is ${step.phase.name}.`;
    case "tracking":
    case "stabilizing":
      return "No objects yet — waiting for the first status.";
    case "finished":
      return "No Kubernetes objects were tracked for this step.";
  }
}
