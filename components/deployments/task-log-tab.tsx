// "Task log": per step run its status, outcome message, failure summary (when it failed or timed
// out, the same block as on the object status tab) and log lines. The stored lines come with the
// page; while a step can still write, new lines stream in over the live socket.
import type { LogLineView, StepRunStatus, StepRunView } from "@/server/contracts/projects.ts";
import { STEP_TYPE_LABELS } from "@/server/contracts/steps/index.ts";
import { EmptyState } from "@/components/ui/notice.tsx";
import { LiveTaskLog } from "@/components/object-status/live-task-log.tsx";
import { StepLogLines } from "@/components/object-status/step-log-lines.tsx";
import { StatusBadge } from "./status-badge.tsx";
import { StepFailureSummary } from "@/components/object-status/step-failure-summary.tsx";
import { Timestamp } from "./timestamp.tsx";

export function TaskLogTab({ steps, logByStepRun }: { steps: StepRunView[]; logByStepRun: Record<string, LogLineView[]> }) {
  if (steps.length === 0) return <EmptyState title="This deployment has no steps" />;
  return (
    <LiveTaskLog active={steps.some(canStillLog)}>
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
              {step.failureSummary ? (
                <div className="px-4 pt-3">
                  <StepFailureSummary stepRunId={step.id} summary={step.failureSummary} />
                </div>
              ) : null}
              <div className="p-4">
                <StepLogLines stepRunId={step.id} stepName={step.name} stored={lines} finished={Boolean(step.finishedAt) || step.status === "Skipped"} />
              </div>
            </li>
          );
        })}
      </ol>
    </LiveTaskLog>
  );
}

const endedWithoutRunning = new Set<StepRunStatus>(["Skipped", "NotExecuted"]);
const canStillLog = (step: StepRunView) => !step.finishedAt && !endedWithoutRunning.has(step.status);

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
