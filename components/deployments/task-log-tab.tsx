// "Task log": per step run its status, outcome message and log lines.
import type { LogLineView, StepRunView } from "@/server/contracts/projects.ts";
import { STEP_TYPE_LABELS } from "@/server/contracts/steps/index.ts";
import { EmptyState } from "@/components/ui/notice.tsx";
import { StatusBadge } from "./status-badge.tsx";
import { Timestamp } from "./timestamp.tsx";

const levelStyle: Record<LogLineView["level"], string> = {
  info: "text-slate-200",
  warning: "text-amber-300",
  error: "text-red-300",
};

export function TaskLogTab({ steps, logByStepRun }: { steps: StepRunView[]; logByStepRun: Record<string, LogLineView[]> }) {
  if (steps.length === 0) return <EmptyState title="This deployment has no steps" />;
  return (
    <ol className="flex flex-col gap-4">
      {steps.map((step, index) => {
        const lines = logByStepRun[step.id] ?? [];
        return (
          <li key={step.id} className="rounded-lg border border-slate-200 bg-white shadow-sm">
            <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-3">
              <h3 className="font-medium text-slate-900">
                {index + 1}. {step.name}
              </h3>
              <span className="text-xs text-slate-500">{STEP_TYPE_LABELS[step.type] ?? step.type}</span>
              <StatusBadge status={step.status} />
              <StepRunTimes step={step} />
            </div>
            {step.outcomeMessage ? <p className="px-4 pt-3 text-sm text-slate-800">{step.outcomeMessage}</p> : null}
            <div className="p-4">
              {lines.length === 0 ? (
                <p className="text-sm text-slate-500">{step.finishedAt || step.status === "Skipped" ? "No log lines." : "No log lines yet."}</p>
              ) : (
                <ol aria-label={`Log of ${step.name}`} className="max-h-96 overflow-auto rounded bg-slate-900 p-3 font-mono text-xs leading-5">
                  {lines.map((line) => (
                    <li key={line.seq} className={`flex gap-3 ${levelStyle[line.level]}`}>
                      <span className="shrink-0 text-slate-400">
                        <Timestamp iso={line.at} precision="time" />
                      </span>
                      {line.level !== "info" ? <span className="shrink-0 uppercase">{line.level}</span> : null}
                      <span className="whitespace-pre-wrap break-words">{line.message}</span>
                    </li>
                  ))}
                </ol>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

function StepRunTimes({ step }: { step: StepRunView }) {
  if (!step.startedAt && !step.finishedAt) return null;
  return (
    <span className="ml-auto text-xs text-slate-500">
      {step.startedAt ? (
        <>
          Started <Timestamp iso={step.startedAt} />
          {step.finishedAt ? " · " : null}
        </>
      ) : null}
      {step.finishedAt ? (
        <>
          Finished <Timestamp iso={step.finishedAt} />
        </>
      ) : null}
    </span>
  );
}
