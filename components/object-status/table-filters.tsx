"use client";
// The text filter (name, kind, namespace, message) and the status filter of one step's table.
import { ROW_STATUSES, type RowStatus } from "@/server/contracts/object-status.ts";
import { ROW_STATUS_LABELS } from "./row-status.tsx";

export type TableFilterValues = { text: string; status: RowStatus | "" };

export function TableFilters({ stepName, value, onChange }: { stepName: string; value: TableFilterValues; onChange: (next: TableFilterValues) => void }) {
  return (
    <div className="flex flex-wrap items-end gap-3 px-4 py-3" role="search" aria-label={`Filter objects of ${stepName}`}>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Filter objects
        <input
          type="search"
          value={value.text}
          onChange={(event) => onChange({ ...value, text: event.target.value })}
          placeholder="Name, kind, namespace or message"
          className="w-72 rounded-md border border-slate-300 px-2 py-1 text-sm font-normal text-slate-900"
        />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Status
        <select
          value={value.status}
          onChange={(event) => onChange({ ...value, status: event.target.value as RowStatus | "" })}
          className="rounded-md border border-slate-300 px-2 py-1 text-sm font-normal text-slate-900"
        >
          <option value="">All statuses</option>
          {ROW_STATUSES.map((status) => (
            <option key={status} value={status}>
              {ROW_STATUS_LABELS[status]}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
