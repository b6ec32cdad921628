// Status badges for deployments and step runs: a distinct colour, a symbol and the word, so the
// status never depends on colour alone. `bar` is the solid colour of the same status in bars and
// marks (the header's step segments, the list's step marks).
import type { DeploymentStatus, StepRunStatus } from "@/server/contracts/projects.ts";

type Status = DeploymentStatus | StepRunStatus;

export const STATUS_APPEARANCE: Record<Status, { label: string; symbol: string; className: string; bar: string }> = {
  Queued: { label: "Queued", symbol: "○", className: "bg-slate-100 text-slate-700 ring-slate-300", bar: "bg-slate-300" },
  Pending: { label: "Pending", symbol: "○", className: "bg-slate-100 text-slate-700 ring-slate-300", bar: "bg-slate-300" },
  Running: { label: "Running", symbol: "◐", className: "bg-blue-50 text-blue-800 ring-blue-300", bar: "bg-blue-500" },
  Succeeded: { label: "Succeeded", symbol: "✓", className: "bg-green-50 text-green-800 ring-green-300", bar: "bg-green-600" },
  Failed: { label: "Failed", symbol: "✕", className: "bg-red-50 text-red-800 ring-red-300", bar: "bg-red-600" },
  TimedOut: { label: "Timed out", symbol: "◷", className: "bg-orange-50 text-orange-800 ring-orange-300", bar: "bg-orange-500" },
  Skipped: { label: "Skipped", symbol: "»", className: "bg-slate-50 text-slate-600 ring-slate-200", bar: "bg-slate-200" },
  NotExecuted: { label: "Not executed", symbol: "–", className: "bg-amber-50 text-amber-800 ring-amber-300", bar: "bg-amber-400" },
  Cancelled: { label: "Cancelled", symbol: "⊘", className: "bg-slate-100 text-slate-700 ring-slate-300", bar: "bg-slate-400" },
};

export function StatusBadge({ status }: { status: Status }) {
  const { label, symbol, className } = STATUS_APPEARANCE[status] ?? STATUS_APPEARANCE.Pending;
  return (
    <span className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${className}`}>
      <span aria-hidden="true">{symbol}</span>
      {label}
    </span>
  );
}

export const isActiveDeployment = (status: DeploymentStatus) => status === "Queued" || status === "Running";
