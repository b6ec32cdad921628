"use client";
// The time-dependent part of a step header: the timeout countdown while the step tracks its
// objects, "Stabilizing (n s left)" while the desired state must hold, and the snapshot time once
// the table is frozen. Ticks every second; only this small component re-renders.
import type { StepPhase } from "@/server/contracts/live.ts";
import { formatTimestamp } from "@/components/deployments/timestamp.tsx";
import { useNow } from "./use-now.ts";

export function StepPhaseNote({ phase, frozenAt }: { phase: StepPhase; frozenAt: string | null }) {
  if (frozenAt) {
    return (
      <span className="text-xs text-slate-600">
        Snapshot taken at{" "}
        <time dateTime={frozenAt} title={frozenAt}>
          {formatTimestamp(frozenAt)}
        </time>
      </span>
    );
  }
  if (phase.name === "stabilizing") return <Countdown until={phase.until} render={(left) => `Stabilizing (${left} s left)`} className="text-blue-800" />;
  if (phase.name === "tracking" && phase.deadlineAt)
    return <Countdown until={phase.deadlineAt} render={(left) => `Times out in ${formatSeconds(left)}`} className="text-slate-600" />;
  if (phase.name === "rendering" || phase.name === "applying")
    return <span className="text-xs text-slate-600">{phase.name === "rendering" ? "Rendering manifests…" : "Applying objects…"}</span>;
  return null;
}

function Countdown({ until, render, className }: { until: string; render: (secondsLeft: number) => string; className: string }) {
  const now = useNow(1000);
  if (now === null) return null;
  const secondsLeft = Math.max(0, Math.ceil((Date.parse(until) - now) / 1000));
  return (
    <span className={`text-xs font-medium tabular-nums ${className}`} title={until}>
      {render(secondsLeft)}
    </span>
  );
}

function formatSeconds(total: number): string {
  if (total < 60) return `${total} s`;
  const minutes = Math.floor(total / 60);
  return `${minutes} min ${String(total % 60).padStart(2, "0")} s`;
}
