// Columns of the object table, live and frozen. The name column's cell (expander + open button) is
// drawn by the row itself, because it needs the row's callbacks; the others are plain text cells.
// Every value is rendered as a React text node: names and messages are never parsed as HTML.
//
// One fixed layout for every table (table-layout: fixed + OBJECT_COLUMN_WIDTHS as a <colgroup>):
// every step section of a deployment and the snapshot page line their columns up, and a long
// name or message wraps inside its column instead of pushing "Last change" off the edge.
import type { ColumnDef, FilterFn, Row } from "@tanstack/react-table";
import type { ReactNode } from "react";
import type { ObjectRowView, RowStatus } from "@/server/contracts/object-status.ts";
import { Timestamp } from "@/components/deployments/timestamp.tsx";
import { RowStatusLabel } from "./row-status.tsx";
import { RelativeTime } from "./relative-time.tsx";

/** "relative" while the table is live ("12 s ago", the time on hover); "absolute" once frozen. */
export type TimeMode = "relative" | "absolute";

// Problems first when sorting by status ascending: that is what people look for.
const statusRank: Record<RowStatus, number> = { Error: 0, TimedOut: 1, InProgress: 2, Success: 3 };

export const matchesObjectText: FilterFn<ObjectRowView> = (row: Row<ObjectRowView>, _columnId, query: string) => {
  const needle = query.trim().toLowerCase();
  if (!needle) return true;
  const { name, kind, namespace, message } = row.original;
  return [name, kind, namespace, message].some((field) => field.toLowerCase().includes(needle));
};

/** Column widths, in column order; the message column takes what is left. */
export const OBJECT_COLUMN_WIDTHS: Record<string, string | undefined> = {
  name: "22%",
  kind: "7.5rem",
  namespace: "8rem",
  status: "9.5rem",
  summary: "7.5rem",
  message: undefined,
  lastChangeAt: "8.5rem",
};

/**
 * One cell of `row` (every column but the name, which the row draws itself). The row passes its
 * current row object: the table's row models may hold an older one of the same shape
 * (object-table.tsx keeps them across deltas that only change contents).
 */
export function objectCell(columnId: string, row: ObjectRowView, mode: TimeMode): ReactNode {
  switch (columnId) {
    case "kind":
      return <BreakableText text={row.kind} />;
    case "namespace":
      return row.namespace ? <BreakableText text={row.namespace} /> : "—";
    case "status":
      return <RowStatusLabel status={row.status} wrap />;
    case "summary":
      return row.summary;
    case "message":
      return <span className="whitespace-pre-wrap [overflow-wrap:anywhere]">{row.message}</span>;
    case "lastChangeAt":
      return mode === "relative" ? <RelativeTime iso={row.lastChangeAt} /> : <AbsoluteTime iso={row.lastChangeAt} />;
    default:
      return row.name;
  }
}

const columnsFor = (mode: TimeMode): ColumnDef<ObjectRowView>[] => {
  const cell: ColumnDef<ObjectRowView>["cell"] = ({ row, column }) => objectCell(column.id, row.original, mode);
  return [
    { id: "name", accessorKey: "name", header: "Name", cell },
    { id: "kind", accessorKey: "kind", header: "Kind", cell },
    { id: "namespace", accessorKey: "namespace", header: "Namespace", cell },
    {
      id: "status",
      accessorKey: "status",
      header: "Status",
      cell,
      sortingFn: (a, b) => statusRank[a.original.status] - statusRank[b.original.status],
      filterFn: (row, _columnId, wanted: RowStatus | "") => !wanted || row.original.status === wanted,
    },
    { id: "summary", accessorKey: "summary", header: "Summary", enableGlobalFilter: false, cell },
    { id: "message", accessorKey: "message", header: "Message", cell },
    { id: "lastChangeAt", accessorKey: "lastChangeAt", header: "Last change", enableGlobalFilter: false, cell },
  ];
};

export const objectColumns: Record<TimeMode, ColumnDef<ObjectRowView>[]> = {
  relative: columnsFor("relative"),
  absolute: columnsFor("absolute"),
};

// "2030-01-01 12:00:00 UTC", free to wrap between the date and the time (never clipped).
const AbsoluteTime = ({ iso }: { iso: string }) => <Timestamp iso={iso} />;

function BreakableText({ text }: { text: string }) {
  return <span className="[overflow-wrap:anywhere]">{text}</span>;
}
