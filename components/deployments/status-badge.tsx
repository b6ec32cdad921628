// Status badges for deployments and step runs: a distinct colour, a symbol and the word, so the
// status never depends on colour alone.
import type { DeploymentStatus, StepRunStatus } from "@/server/contracts/projects.ts";

type Status = DeploymentStatus | StepRunStatus;

const appearance: Record<Status, { label: string; symbol: string; className: string }> = {
  Queued: { label: "Queued", symbol: "○", className: "bg-slate-100 text-slate-700 ring-slate-300" },
  Pending: { label: "Pending", symbol: "○", className: "bg-slate-100 text-slate-700 ring-slate-300" },
  Running: { label: "Running", symbol: "◐", className: "bg-blue-50 text-blue-800 ring-blue-300" },
  Succeeded: { label: "Succeeded", symbol: "✓", className: "bg-green-50 text-green-800 ring-green-300" },
  Failed: { label: "Failed", symbol: "✕", className: "bg-red-50 text-red-800 ring-red-300" },
  TimedOut: { label: "Timed out", symbol: "◷", className: "bg-orange-50 text-orange-800 ring-orange-300" },
  Skipped: { label: "Skipped", symbol: "»", className: "bg-slate-50 text-slate-600 ring-slate-200" },
  NotExecuted: { label: "Not executed", symbol: "–", className: "bg-amber-50 text-amber-800 ring-amber-300" },
  Cancelled: { label: "Cancelled", symbol: "⊘", className: "bg-slate-100 text-slate-700 ring-slate-300" },
};

export function StatusBadge({ status }: { status: Status }) {
  const { label, symbol, className } = appearance[status] ?? appearance.Pending;
  return (
    <span className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${className}`}>
      <span aria-hidden="true">{symbol}</span>
      {label}
    </span>
  );
}

export const isActiveDeployment = (status: DeploymentStatus) => status === "Queued" || status === "Running";
