"use client";
// One step of the Kubernetes Object Status tab (and of a snapshot page): a header that explains
// the step (name, outcome, counts per status, the countdown or stabilization left while live, the
// snapshot time once frozen), the failure summary inline when the step failed or timed out, and
// its object table, or a one-line note when the step has no table to show. Live steps show
// relative times, frozen ones absolute times.
//
// Extending it: whatever belongs to a step below its table (the timeline) goes in `children`.
import { useCallback, useMemo, type ReactNode } from "react";
import type { ObjectRowView, RowStatus } from "@/server/contracts/object-status.ts";
import { StatusBadge } from "@/components/deployments/status-badge.tsx";
import { FailureSummaryView } from "@/components/audit/failure-summary-view.tsx";
import type { LiveStepTable } from "./row-reducer.ts";
import { ObjectTable } from "./object-table.tsx";
import { ROW_STATUS_LABELS } from "./row-status.tsx";
import { StepPhaseNote } from "./step-phase-note.tsx";
import { StepTimeline } from "@/components/timeline/step-timeline.tsx";

type StepSectionProps = {
  step: LiveStepTable;
  number: number;
  selectedKey: string | null;
  onOpen: (stepRunId: string, key: string) => void;
  /** The link of an object of this step (the drawer's URL); links in the failure summary use it. */
  hrefOf?: (stepRunId: string, key: string) => string;
  children?: ReactNode;
};

export function StepSection({ step, number, selectedKey, onOpen, hrefOf, children }: StepSectionProps) {
  // Stable per step, so memoised rows are not re-rendered by a new callback.
  const onOpenKey = useCallback((key: string) => onOpen(step.stepRunId, key), [onOpen, step.stepRunId]);
  const hrefOfKey = useMemo(() => (hrefOf ? (key: string) => hrefOf(step.stepRunId, key) : undefined), [hrefOf, step.stepRunId]);
  const headingId = `object-status-${step.stepRunId}`;
  const counts = useMemo(() => statusCountsText(step.rows), [step.rows]);
  return (
    <section aria-labelledby={headingId} data-step-run={step.stepRunId} className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-200 px-4 py-3">
        <h3 id={headingId} className="font-medium text-slate-900">
          {number}. {step.name}
        </h3>
        <StatusBadge status={step.status} />
        {counts ? (
          <span data-step-counts="" className="text-xs text-slate-700">
            {counts}
          </span>
        ) : null}
        <StepPhaseNote phase={step.phase} frozenAt={step.frozenAt} />
      </div>
      {step.outcomeMessage ? <p className="whitespace-pre-wrap break-words px-4 pt-3 text-sm text-slate-800">{step.outcomeMessage}</p> : null}
      {step.failureSummary ? (
        <div className="px-4 pt-3">
          <FailureSummaryView summary={step.failureSummary} headingLevel={4} objectHref={hrefOfKey} onObject={onOpenKey} />
        </div>
      ) : null}
      <StepBody step={step} selectedKey={selectedKey} onOpenKey={onOpenKey} />
      <StepTimeline step={step} />
      {children}
    </section>
  );
}

// "12 Success · 2 In progress · 1 Error": the statuses present, the good news first; "10,020"
// with a thousands separator (fixed to English so server and browser render the same text).
const countOrder: RowStatus[] = ["Success", "InProgress", "Error", "TimedOut"];

export function statusCountsText(rows: ReadonlyMap<string, ObjectRowView>): string {
  const counts: Record<RowStatus, number> = { Success: 0, InProgress: 0, Error: 0, TimedOut: 0 };
  for (const row of rows.values()) counts[row.status] += 1;
  return countOrder
    .filter((status) => counts[status] > 0)
    .map((status) => `${counts[status].toLocaleString("en")} ${ROW_STATUS_LABELS[status]}`)
    .join(" · ");
}

function StepBody({ step, selectedKey, onOpenKey }: { step: LiveStepTable; selectedKey: string | null; onOpenKey: (key: string) => void }) {
  if (step.rows.size > 0)
    return (
      <ObjectTable stepName={step.name} rows={step.rows} selectedKey={selectedKey} onOpen={onOpenKey} timeMode={step.frozenAt ? "absolute" : "relative"} />
    );
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
