// Columns of the object table. The name column's cell (expander + open button) is drawn by the
// row itself, because it needs the row's callbacks; the others are plain text cells. Every value
// is rendered as a React text node: names and messages are never parsed as HTML.
import type { ColumnDef, FilterFn, Row } from "@tanstack/react-table";
import type { ObjectRowView, RowStatus } from "@/server/contracts/object-status.ts";
import { RowStatusLabel } from "./row-status.tsx";
import { RelativeTime } from "./relative-time.tsx";

// Problems first when sorting by status ascending: that is what people look for.
const statusRank: Record<RowStatus, number> = { Error: 0, TimedOut: 1, InProgress: 2, Success: 3 };

export const matchesObjectText: FilterFn<ObjectRowView> = (row: Row<ObjectRowView>, _columnId, query: string) => {
  const needle = query.trim().toLowerCase();
  if (!needle) return true;
  const { name, kind, namespace, message } = row.original;
  return [name, kind, namespace, message].some((field) => field.toLowerCase().includes(needle));
};

export const objectColumns: ColumnDef<ObjectRowView>[] = [
  { id: "name", accessorKey: "name", header: "Name" },
  { id: "kind", accessorKey: "kind", header: "Kind" },
  { id: "namespace", accessorKey: "namespace", header: "Namespace", cell: ({ row }) => row.original.namespace || "—" },
  {
    id: "status",
    accessorKey: "status",
    header: "Status",
    cell: ({ row }) => <RowStatusLabel status={row.original.status} />,
    sortingFn: (a, b) => statusRank[a.original.status] - statusRank[b.original.status],
    filterFn: (row, _columnId, wanted: RowStatus | "") => !wanted || row.original.status === wanted,
  },
  { id: "summary", accessorKey: "summary", header: "Summary", enableGlobalFilter: false },
  {
    id: "message",
    accessorKey: "message",
    header: "Message",
    cell: ({ row }) => <span className="whitespace-pre-wrap break-words">{row.original.message}</span>,
  },
  {
    id: "lastChangeAt",
    accessorKey: "lastChangeAt",
    header: "Last change",
    enableGlobalFilter: false,
    cell: ({ row }) => <RelativeTime iso={row.original.lastChangeAt} />,
  },
];
