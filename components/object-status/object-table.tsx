"use client";
// One step's objects as an expandable tree table (@tanstack/react-table 8): the same component
// live (deployment page) and frozen (snapshot page), with one fixed column layout.
//
// Keyboard: every row's name button is a stop; ArrowUp/ArrowDown (Home/End) move between rows,
// ArrowRight/ArrowLeft expand and collapse, Enter opens the drawer.
//
// Row ids are the rows' keys and nothing resets on new data (autoReset*: false), so a live update
// keeps sorting, filters, expansion and scroll. A row with children starts expanded (the pods of a
// Deployment are what people watch) unless it has more than COLLAPSE_ABOVE children: then it starts
// collapsed and shows how many objects it holds and their worst status. What the user toggles stays.
//
// Large tables are virtualized (@tanstack/react-virtual): above VIRTUALIZE_ABOVE visible rows only
// the rows in view (plus overscan) are in the DOM, between two spacer rows, each row measured as
// drawn (names and messages wrap, so heights differ). Smaller tables render every row: find-in-page,
// screen readers' table navigation and the server-rendered markup then see the whole table. The
// keyboard moves by row index, not DOM sibling, and scrolls the focused row into view; a selected
// row (a ?object= link) is scrolled to, its collapsed ancestors expanded.
//
// Deltas at 10,000 rows (issue 12: a 500-row delta painted < 100 ms): the table's data is the
// tree's *shape* (order and parents), rebuilt only when keys, parents or sort fields change. A
// delta that only changes contents (status, message, times) keeps the same data, so TanStack's
// row models are not recomputed for 10,000 rows; each drawn row reads its current object from
// `rows`. Only while sorting or filtering, which read contents, does the data follow every delta.
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
import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { ObjectRowView } from "@/server/contracts/object-status.ts";
import { buildRowTree, sameTreeShape, subtreeSummaries, withCurrentRows, type RowTree } from "./build-tree.ts";
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

/** A parent with more children than this starts collapsed. */
export const COLLAPSE_ABOVE = 50;
/** Tables with more visible rows than this render only the rows in view. */
export const VIRTUALIZE_ABOVE = 200;
// A one-line row (py-2 + a 20 px line + the 1 px border): the estimate before a row is measured.
const ESTIMATED_ROW_PX = 37;
// The scroll box is max-h-[36rem]: what the server (and the first client render) draws before
// the box has been measured.
const INITIAL_VIEWPORT = { width: 1024, height: 576 };

export function ObjectTable({ stepName, rows, selectedKey, onOpen, timeMode = "relative" }: ObjectTableProps) {
  // The tree's shape and the rows it was last checked against: a delta that only changes row
  // contents keeps the very same tree (its row objects may be older than `rows`).
  const [shape, setShape] = useState<{ rows: ReadonlyMap<string, ObjectRowView>; tree: RowTree } | null>(null);
  const tree = shape && sameTreeShape(shape.rows, rows) ? shape.tree : buildRowTree(rows);
  if (!shape || shape.rows !== rows) setShape({ rows, tree });
  const [sorting, setSorting] = useState<SortingState>([]);
  const [filters, setFilters] = useState<TableFilterValues>({ text: "", status: "" });
  // Parents the user (or a link to a row under them) toggled away from their default state.
  const [toggled, setToggled] = useState<ReadonlySet<string>>(() => new Set());

  const collapsed = useMemo<ReadonlySet<string>>(() => {
    const keys = new Set<string>();
    for (const [key, children] of tree.childrenOf) if (children.length > COLLAPSE_ABOVE !== toggled.has(key)) keys.add(key);
    return keys;
  }, [tree, toggled]);

  const expanded = useMemo<Record<string, boolean>>(() => {
    const state: Record<string, boolean> = {};
    for (const key of tree.childrenOf.keys()) if (!collapsed.has(key)) state[key] = true;
    return state;
  }, [tree, collapsed]);

  // Only the collapsed parents show a summary: nothing to count while every parent is open.
  const summaries = useMemo(() => subtreeSummaries(tree, collapsed, rows), [tree, collapsed, rows]);

  const onToggle = useCallback((key: string) => {
    setToggled((current) => {
      const next = new Set(current);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  }, []);

  // The table's own expand APIs (none are used by the UI today) map back onto `collapsed`.
  const onExpandedChange = useCallback(
    (updater: Updater<ExpandedState>) => {
      const next = typeof updater === "function" ? updater(expanded) : updater;
      const wantCollapsed = (key: string) => next !== true && !next[key];
      setToggled(new Set([...tree.childrenOf].filter(([key, children]) => wantCollapsed(key) !== children.length > COLLAPSE_ABOVE).map(([key]) => key)));
    },
    [expanded, tree],
  );

  const columnFilters = useMemo(() => (filters.status ? [{ id: "status", value: filters.status }] : []), [filters.status]);
  // Sorting and filtering read row contents: then the table's data holds the current row objects.
  const filtering = filters.text.trim() !== "" || filters.status !== "";
  const readsContents = sorting.length > 0 || filtering;
  const data = useMemo(() => (readsContents ? withCurrentRows(tree, rows) : tree), [readsContents, tree, rows]);

  // TanStack Table returns a mutable instance the React Compiler cannot memoise; that is expected
  // (rows keep identity through getRowId and memoised row components instead).
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: data.topLevel,
    columns: objectColumns[timeMode],
    getRowId: (row) => row.key,
    getSubRows: (row) => data.childrenOf.get(row.key),
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
  const virtualized = visibleRows.length > VIRTUALIZE_ABOVE;

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: virtualized ? visibleRows.length : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    getItemKey: (index) => visibleRows[index]?.id ?? index,
    overscan: 12,
    initialRect: INITIAL_VIEWPORT,
  });
  const indexOf = useCallback((key: string) => visibleRows.findIndex((row) => row.id === key), [visibleRows]);

  // Focus to move once the target row is drawn (a virtualized row may need a scroll first).
  const pendingFocus = useRef<string | null>(null);
  const focusRow = useCallback((key: string) => {
    const button = scrollRef.current?.querySelector<HTMLElement>(`tr[data-row-key="${CSS.escape(key)}"] [data-row-open]`);
    if (!button) return false;
    button.focus({ preventScroll: false });
    return true;
  }, []);
  useEffect(() => {
    if (pendingFocus.current && focusRow(pendingFocus.current)) pendingFocus.current = null;
  });

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    const current = (event.target as HTMLElement).closest<HTMLTableRowElement>("tr[data-row-key]");
    if (!current) return;
    const key = current.dataset.rowKey!;
    const index = indexOf(key);
    let target: number;
    if (event.key === "ArrowDown") target = index + 1;
    else if (event.key === "ArrowUp") target = index - 1;
    else if (event.key === "Home") target = 0;
    else if (event.key === "End") target = visibleRows.length - 1;
    else if ((event.key === "ArrowRight" || event.key === "ArrowLeft") && tree.childrenOf.has(key)) {
      if (collapsed.has(key) === (event.key === "ArrowRight")) onToggle(key);
      event.preventDefault();
      return;
    } else return;
    event.preventDefault();
    const targetKey = visibleRows[target]?.id;
    if (index === -1 || !targetKey) return;
    if (virtualized) virtualizer.scrollToIndex(target, { align: "auto" });
    if (!focusRow(targetKey)) pendingFocus.current = targetKey;
  };

  // A selected row (opened from a ?object= link, or from the failure summary) is shown: its
  // collapsed ancestors open and the table scrolls to it. Once per selection, when it is present.
  const selectedPresent = selectedKey !== null && rows.has(selectedKey);
  const revealed = useRef<string | null>(null);
  useEffect(() => {
    if (!selectedKey || !selectedPresent || revealed.current === selectedKey) return;
    const closedAncestors: string[] = [];
    for (let parent = rows.get(selectedKey)?.parentKey ?? null, hops = 0; parent && hops < 64; parent = rows.get(parent)?.parentKey ?? null, hops++)
      if (collapsed.has(parent)) closedAncestors.push(parent);
    if (closedAncestors.length) {
      // Re-runs with the ancestors open; then scrolls.
      setToggled((current) => {
        const next = new Set(current);
        for (const key of closedAncestors) if (!next.delete(key)) next.add(key);
        return next;
      });
      return;
    }
    const index = indexOf(selectedKey);
    if (index === -1) return;
    revealed.current = selectedKey;
    if (virtualized) virtualizer.scrollToIndex(index, { align: "auto" });
    else scrollRef.current?.querySelector(`tr[data-row-key="${CSS.escape(selectedKey)}"]`)?.scrollIntoView({ block: "nearest" });
  }, [selectedKey, selectedPresent, rows, collapsed, indexOf, virtualized, virtualizer]);

  const items = virtualized ? virtualizer.getVirtualItems() : null;
  const drawn = items ? items.map((item) => ({ row: visibleRows[item.index]!, index: item.index })) : visibleRows.map((row, index) => ({ row, index }));
  const paddingTop = items?.[0]?.start ?? 0;
  const paddingBottom = items?.length ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;
  const columnCount = table.getVisibleLeafColumns().length;

  return (
    <div>
      <TableFilters stepName={stepName} value={filters} onChange={setFilters} />
      {/* Only a virtualized table scrolls in its own box; a smaller one is as tall as its rows, so the
          page scrolls and no row hides below an inner scroll edge (a full-page capture showed 6 of 10). */}
      <div
        ref={scrollRef}
        className={`${virtualized ? "max-h-[36rem] overflow-auto" : "overflow-x-auto"} border-t border-slate-200`}
        data-virtualized={virtualized ? "" : undefined}
      >
        <table
          className="w-full min-w-[56rem] table-fixed border-collapse text-sm"
          aria-label={`Kubernetes objects of ${stepName}`}
          aria-rowcount={virtualized ? visibleRows.length + 1 : undefined}
        >
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
            {paddingTop > 0 ? <SpacerRow height={paddingTop} columns={columnCount} /> : null}
            {drawn.map(({ row, index }) => {
              const summary = collapsed.has(row.id) ? summaries.get(row.id) : undefined;
              return (
                <ObjectRow
                  key={row.id}
                  row={row}
                  original={rows.get(row.id) ?? row.original}
                  depth={row.depth}
                  expanded={row.getIsExpanded()}
                  hasChildren={tree.childrenOf.has(row.id)}
                  selected={row.id === selectedKey}
                  timeMode={timeMode}
                  onOpen={onOpen}
                  onToggle={onToggle}
                  rowIndex={virtualized ? index : undefined}
                  measureRef={virtualized ? virtualizer.measureElement : undefined}
                  hiddenCount={summary?.descendants}
                  hiddenWorst={summary?.worst}
                />
              );
            })}
            {paddingBottom > 0 ? <SpacerRow height={paddingBottom} columns={columnCount} /> : null}
          </tbody>
        </table>
        {visibleRows.length === 0 && filtering ? <p className="px-4 py-6 text-center text-sm text-slate-500">No objects match the filters.</p> : null}
      </div>
    </div>
  );
}

// Stands in for the rows above or below the drawn ones, so the scroll bar covers the whole table.
function SpacerRow({ height, columns }: { height: number; columns: number }) {
  return (
    <tr aria-hidden="true" data-spacer="">
      <td colSpan={columns} style={{ height, padding: 0 }} />
    </tr>
  );
}
