// Per-status object counts of a snapshot, icons with labels (only the statuses present).
import { ROW_STATUSES } from "@/server/contracts/object-status.ts";
import type { StatusCounts } from "@/server/contracts/audit.ts";
import { RowStatusIcon, ROW_STATUS_LABELS } from "@/components/object-status/row-status.tsx";

export function StatusCountList({ counts }: { counts: StatusCounts }) {
  const present = ROW_STATUSES.filter((status) => counts[status] > 0);
  if (present.length === 0) return <span className="text-slate-500">No objects</span>;
  return (
    <ul className="flex flex-wrap gap-x-3 gap-y-1">
      {present.map((status) => (
        <li key={status} className="inline-flex items-center gap-1" title={ROW_STATUS_LABELS[status]}>
          <RowStatusIcon status={status} />
          <span>
            {counts[status]} <span className="sr-only sm:not-sr-only">{ROW_STATUS_LABELS[status]}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
