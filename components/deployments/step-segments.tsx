// The deployment's steps as one segmented bar: each step a segment in its status colour (pending,
// running, succeeded, failed, timed out, skipped, not executed), with its name, status and
// duration; running steps count up live.
import type { StepRunStatus } from "@/server/contracts/projects.ts";
import { STATUS_APPEARANCE } from "./status-badge.tsx";
import { Duration } from "./duration.tsx";

export type StepSegment = { name: string; status: StepRunStatus; startedAt: string | null; finishedAt: string | null };

export function StepSegments({ steps }: { steps: StepSegment[] }) {
  if (steps.length === 0) return null;
  return (
    <ol aria-label="Steps" className="grid gap-1" style={{ gridTemplateColumns: `repeat(${steps.length}, minmax(0, 1fr))` }}>
      {steps.map((step, index) => {
        const appearance = STATUS_APPEARANCE[step.status] ?? STATUS_APPEARANCE.Pending;
        return (
          <li key={`${index}-${step.name}`} data-step-segment={step.status} className="min-w-0 rounded-md border border-slate-200 bg-white text-xs shadow-sm">
            <div aria-hidden="true" className={`h-1.5 rounded-t-md ${appearance.bar}`} />
            <div className="flex flex-col gap-0.5 px-2 py-1.5">
              <span className="truncate font-medium text-slate-900" title={step.name}>
                {index + 1}. {step.name}
              </span>
              <span className="flex flex-wrap items-center gap-x-2 text-slate-600">
                <span>
                  <span aria-hidden="true">{appearance.symbol}</span> {appearance.label}
                </span>
                {step.startedAt ? <Duration start={step.startedAt} end={step.finishedAt} /> : null}
              </span>
            </div>
          </li>
        );
      })}
    </ol>
  );
}

/** The list's compact marks: one small square per step, the status in its title and for screen readers. */
export function StepMarks({ steps }: { steps: StepSegment[] }) {
  if (steps.length === 0) return <span className="text-slate-400">No steps</span>;
  return (
    <ol className="flex flex-wrap items-center gap-1" aria-label="Step outcomes">
      {steps.map((step, index) => {
        const appearance = STATUS_APPEARANCE[step.status] ?? STATUS_APPEARANCE.Pending;
        const text = `${index + 1}. ${step.name}: ${appearance.label}`;
        return (
          <li key={`${index}-${step.name}`} title={text} data-step-mark={step.status}>
            <span
              aria-hidden="true"
              className={`inline-flex h-4 w-4 items-center justify-center rounded-sm text-[10px] leading-none ${appearance.bar} ${step.status === "Pending" || step.status === "Skipped" ? "text-slate-700" : "text-white"}`}
            >
              {appearance.symbol}
            </span>
            <span className="sr-only">{text}</span>
          </li>
        );
      })}
    </ol>
  );
}
