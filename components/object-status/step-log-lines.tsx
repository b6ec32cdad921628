"use client";
// The log lines of one step run in the task log tab: the stored ones plus those streamed live.
import type { LogLineView } from "@/server/contracts/projects.ts";
import { Timestamp } from "@/components/deployments/timestamp.tsx";
import { useStepLogLines } from "./live-log-context.tsx";

const levelStyle: Record<LogLineView["level"], string> = {
  info: "text-slate-200",
  warning: "text-amber-300",
  error: "text-red-300",
};

export function StepLogLines({ stepRunId, stepName, stored, finished }: { stepRunId: string; stepName: string; stored: LogLineView[]; finished: boolean }) {
  const lines = useStepLogLines(stepRunId, stored);
  if (lines.length === 0) return <p className="text-sm text-slate-500">{finished ? "No log lines." : "No log lines yet."}</p>;
  return (
    <ol aria-label={`Log of ${stepName}`} className="max-h-96 overflow-auto rounded bg-slate-900 p-3 font-mono text-xs leading-5">
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
  );
}
