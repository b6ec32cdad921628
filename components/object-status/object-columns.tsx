// Columns of the object table, live and frozen. The name column's cell (expander + open button) is
// drawn by the row itself, because it needs the row's callbacks; the others are plain text cells.
// Every value is rendered as a React text node: names and messages are never parsed as HTML.
//
// One fixed layout for every table (table-layout: fixed + OBJECT_COLUMN_WIDTHS as a <colgroup>):
// every step section of a deployment and the snapshot page line their columns up, and a long
// name or message wraps inside its column instead of pushing "Last change" off the edge.
import type { ColumnDef, FilterFn, Row } from "@tanstack/react-table";
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

const baseColumns: ColumnDef<ObjectRowView>[] = [
  { id: "name", accessorKey: "name", header: "Name" },
  { id: "kind", accessorKey: "kind", header: "Kind", cell: ({ row }) => <BreakableText text={row.original.kind} /> },
  {
    id: "namespace",
    accessorKey: "namespace",
    header: "Namespace",
    cell: ({ row }) => (row.original.namespace ? <BreakableText text={row.original.namespace} /> : "—"),
  },
  {
    id: "status",
    accessorKey: "status",
    header: "Status",
    cell: ({ row }) => <RowStatusLabel status={row.original.status} wrap />,
    sortingFn: (a, b) => statusRank[a.original.status] - statusRank[b.original.status],
    filterFn: (row, _columnId, wanted: RowStatus | "") => !wanted || row.original.status === wanted,
  },
  { id: "summary", accessorKey: "summary", header: "Summary", enableGlobalFilter: false },
  {
    id: "message",
    accessorKey: "message",
    header: "Message",
    cell: ({ row }) => <span className="whitespace-pre-wrap [overflow-wrap:anywhere]">{row.original.message}</span>,
  },
];

const lastChange = (mode: TimeMode): ColumnDef<ObjectRowView> => ({
  id: "lastChangeAt",
  accessorKey: "lastChangeAt",
  header: "Last change",
  enableGlobalFilter: false,
  cell: ({ row }) => (mode === "relative" ? <RelativeTime iso={row.original.lastChangeAt} /> : <AbsoluteTime iso={row.original.lastChangeAt} />),
});

export const objectColumns: Record<TimeMode, ColumnDef<ObjectRowView>[]> = {
  relative: [...baseColumns, lastChange("relative")],
  absolute: [...baseColumns, lastChange("absolute")],
};

// "2030-01-01 12:00:00 UTC", free to wrap between the date and the time (never clipped).
const AbsoluteTime = ({ iso }: { iso: string }) => <Timestamp iso={iso} />;

function BreakableText({ text }: { text: string }) {
  return <span className="[overflow-wrap:anywhere]">{text}</span>;
}
