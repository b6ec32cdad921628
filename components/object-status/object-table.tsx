"use client";
// One step's objects as an expandable tree table (@tanstack/react-table 8): the same component
// live (deployment page) and frozen (snapshot page), with one fixed column layout.
//
// Keyboard: every row's name button is a stop; ArrowUp/ArrowDown (Home/End) move between rows,
// ArrowRight/ArrowLeft expand and collapse, Enter opens the drawer.
//
// Row ids are the rows' keys and nothing resets on new data (autoReset*: false), so a live update
// keeps sorting, filters, expansion and scroll. Every row with children starts expanded (the pods
// of a Deployment are what people watch); what the user collapses stays collapsed.
import {
  getCoreRowModel,
  getExpandedRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type ExpandedState,
  type SortingState,
  type Updater,
} from "@tanstack/react-table";
import { useCallback, useMemo, useState, type KeyboardEvent } from "react";
import type { ObjectRowView } from "@/server/contracts/object-status.ts";
import { buildRowTree } from "./build-tree.ts";
import { matchesObjectText, OBJECT_COLUMN_WIDTHS, objectColumns, type TimeMode } from "./object-columns.tsx";
import { ObjectRow } from "./object-row.tsx";
import { SortHeader } from "./sort-header.tsx";
import { TableFilters, type TableFilterValues } from "./table-filters.tsx";

type ObjectTableProps = {
  stepName: string;
  rows: ReadonlyMap<string, ObjectRowView>;
  selectedKey: string | null;
  onOpen: (key: string) => void;
  /** Relative times while live, absolute ones in a frozen table. */
  timeMode?: TimeMode;
};

export function ObjectTable({ stepName, rows, selectedKey, onOpen, timeMode = "relative" }: ObjectTableProps) {
  const tree = useMemo(() => buildRowTree(rows), [rows]);
  const [sorting, setSorting] = useState<SortingState>([]);
  const [filters, setFilters] = useState<TableFilterValues>({ text: "", status: "" });
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());

  const expanded = useMemo<Record<string, boolean>>(() => {
    const state: Record<string, boolean> = {};
    for (const key of tree.childrenOf.keys()) if (!collapsed.has(key)) state[key] = true;
    return state;
  }, [tree, collapsed]);

  const onToggle = useCallback((key: string) => {
    setCollapsed((current) => {
      const next = new Set(current);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  }, []);

  // The table's own expand APIs (none are used by the UI today) map back onto `collapsed`.
  const onExpandedChange = useCallback(
    (updater: Updater<ExpandedState>) => {
      const next = typeof updater === "function" ? updater(expanded) : updater;
      setCollapsed(new Set([...tree.childrenOf.keys()].filter((key) => next !== true && !next[key])));
    },
    [expanded, tree],
  );

  const columnFilters = useMemo(() => (filters.status ? [{ id: "status", value: filters.status }] : []), [filters.status]);

  // TanStack Table returns a mutable instance the React Compiler cannot memoise; that is expected
  // (rows keep identity through getRowId and memoised row components instead).
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: tree.topLevel,
    columns: objectColumns[timeMode],
    getRowId: (row) => row.key,
    getSubRows: (row) => tree.childrenOf.get(row.key),
    state: { sorting, expanded, globalFilter: filters.text, columnFilters },
    onSortingChange: setSorting,
    onExpandedChange,
    globalFilterFn: matchesObjectText,
    // A parent stays visible when one of its children matches (an Error pod under its Deployment).
    filterFromLeafRows: true,
    autoResetPageIndex: false,
    autoResetExpanded: false,
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getExpandedRowModel: getExpandedRowModel(),
  });

  const visibleRows = table.getRowModel().rows;
  const filtering = filters.text.trim() !== "" || filters.status !== "";

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    const current = (event.target as HTMLElement).closest<HTMLTableRowElement>("tr[data-row-key]");
    if (!current) return;
    const key = current.dataset.rowKey!;
    let target: Element | null | undefined;
    if (event.key === "ArrowDown") target = current.nextElementSibling;
    else if (event.key === "ArrowUp") target = current.previousElementSibling;
    else if (event.key === "Home") target = current.parentElement?.firstElementChild;
    else if (event.key === "End") target = current.parentElement?.lastElementChild;
    else if ((event.key === "ArrowRight" || event.key === "ArrowLeft") && tree.childrenOf.has(key)) {
      if (collapsed.has(key) === (event.key === "ArrowRight")) onToggle(key);
      event.preventDefault();
      return;
    } else return;
    event.preventDefault();
    target?.querySelector<HTMLElement>("[data-row-open]")?.focus();
  };

  return (
    <div>
      <TableFilters stepName={stepName} value={filters} onChange={setFilters} />
      <div className="max-h-[36rem] overflow-auto border-t border-slate-200">
        <table className="w-full min-w-[56rem] table-fixed border-collapse text-sm" aria-label={`Kubernetes objects of ${stepName}`}>
          <colgroup>
            {table.getVisibleLeafColumns().map((column) => (
              <col key={column.id} style={OBJECT_COLUMN_WIDTHS[column.id] ? { width: OBJECT_COLUMN_WIDTHS[column.id] } : undefined} />
            ))}
          </colgroup>
          <thead className="sticky top-0 z-10 bg-slate-50">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => (
                  <SortHeader key={header.id} header={header} label={String(header.column.columnDef.header)} />
                ))}
              </tr>
            ))}
          </thead>
          <tbody onKeyDown={onKeyDown}>
            {visibleRows.map((row) => (
              <ObjectRow
                key={row.id}
                row={row}
                original={row.original}
                depth={row.depth}
                expanded={row.getIsExpanded()}
                hasChildren={tree.childrenOf.has(row.id)}
                selected={row.id === selectedKey}
                timeMode={timeMode}
                onOpen={onOpen}
                onToggle={onToggle}
              />
            ))}
          </tbody>
        </table>
        {visibleRows.length === 0 && filtering ? <p className="px-4 py-6 text-center text-sm text-slate-500">No objects match the filters.</p> : null}
      </div>
    </div>
  );
}
