"use client";
// One table row, live or frozen. Memoised on the row's data object: the reducer keeps unchanged
// rows identical, so a live update re-renders only the rows that changed (no flicker, focus and
// hover survive). The name's button ([data-row-open]) is the row's keyboard stop: the table moves
// focus between these buttons with the arrow keys, Enter opens the drawer.
import type { Row } from "@tanstack/react-table";
import { memo, useEffect, type MouseEvent } from "react";
import type { ObjectRowView, RowStatus } from "@/server/contracts/object-status.ts";
import { BreakableName } from "./breakable-name.tsx";
import { objectCell, type TimeMode } from "./object-columns.tsx";
import { RowStatusLabel } from "./row-status.tsx";

/** Set by the browser benchmark (bench/scenarios/browser-table.ts): counts row renders. */
type RenderCounter = { __kdeployRowRenders?: number };
// After every commit of a row (an effect without dependencies): a no-op unless the counter is set.
function countRender() {
  const counter = globalThis as RenderCounter;
  if (counter.__kdeployRowRenders !== undefined) counter.__kdeployRowRenders++;
}

type ObjectRowProps = {
  /** Its cells' ids only: its `original` may be an older object of the same shape (object-table.tsx). */
  row: Row<ObjectRowView>;
  /** The fields below are what the row looks like; the memo compares them, not `row`. */
  original: ObjectRowView;
  depth: number;
  expanded: boolean;
  hasChildren: boolean;
  selected: boolean;
  /** Relative times while live, absolute ones in a frozen table. */
  timeMode: TimeMode;
  onOpen: (key: string) => void;
  onToggle: (key: string) => void;
  /** Virtualized tables: the row's index among the visible rows (the virtualizer measures it). */
  rowIndex?: number;
  measureRef?: (element: HTMLTableRowElement | null) => void;
  /** A collapsed parent: how many objects are under it and their worst status. */
  hiddenCount?: number;
  hiddenWorst?: RowStatus;
};

function ObjectRowContent(props: ObjectRowProps) {
  const { row, original, depth, expanded, hasChildren, selected, timeMode, onOpen, onToggle, rowIndex, measureRef, hiddenCount, hiddenWorst } = props;
  useEffect(countRender);
  // A click anywhere on the row opens it, except on its own buttons (they handle themselves).
  const onRowClick = (event: MouseEvent) => {
    if ((event.target as HTMLElement).closest("button")) return;
    onOpen(original.key);
  };
  return (
    <tr
      ref={measureRef}
      data-index={rowIndex}
      aria-rowindex={rowIndex === undefined ? undefined : rowIndex + 2}
      data-row-key={original.key}
      aria-selected={selected}
      onClick={onRowClick}
      className={`cursor-pointer border-t border-slate-100 align-top hover:bg-slate-50 ${selected ? "bg-blue-50" : ""}`}
    >
      {row.getVisibleCells().map((cell) =>
        cell.column.id === "name" ? (
          <td key={cell.id} className="px-3 py-2">
            <div className={`flex items-start gap-1 ${hiddenCount !== undefined ? "flex-wrap" : ""}`} style={{ paddingLeft: `${depth * 1.25}rem` }}>
              {hasChildren ? (
                <button
                  type="button"
                  tabIndex={-1}
                  onClick={() => onToggle(original.key)}
                  aria-expanded={expanded}
                  aria-label={`${expanded ? "Collapse" : "Expand"} ${original.kind} ${original.name}`}
                  className="w-5 shrink-0 rounded text-slate-500 hover:text-slate-900"
                >
                  <span aria-hidden="true">{expanded ? "▾" : "▸"}</span>
                </button>
              ) : (
                <span className="w-5 shrink-0" aria-hidden="true" />
              )}
              <button
                type="button"
                data-row-open=""
                onClick={() => onOpen(original.key)}
                className="min-w-0 text-left font-medium text-blue-700 [overflow-wrap:anywhere] hover:underline focus-visible:outline-2 focus-visible:outline-blue-600"
                title="Show details"
              >
                <BreakableName text={original.name} />
              </button>
              {hiddenCount !== undefined && hiddenWorst ? (
                <span className="flex basis-full flex-wrap items-center gap-x-1.5 pl-6 text-xs text-slate-500" data-collapsed-summary="">
                  <span>{hiddenCount === 1 ? "1 object inside, worst:" : `${hiddenCount.toLocaleString("en")} objects inside, worst:`}</span>
                  <RowStatusLabel status={hiddenWorst} wrap />
                </span>
              ) : null}
            </div>
          </td>
        ) : (
          <td key={cell.id} className="px-3 py-2 text-slate-700">
            {objectCell(cell.column.id, original, timeMode)}
          </td>
        ),
      )}
    </tr>
  );
}

export const ObjectRow = memo(
  ObjectRowContent,
  (before, after) =>
    before.original === after.original &&
    before.depth === after.depth &&
    before.expanded === after.expanded &&
    before.hasChildren === after.hasChildren &&
    before.selected === after.selected &&
    before.timeMode === after.timeMode &&
    before.onOpen === after.onOpen &&
    before.onToggle === after.onToggle &&
    before.rowIndex === after.rowIndex &&
    before.measureRef === after.measureRef &&
    before.hiddenCount === after.hiddenCount &&
    before.hiddenWorst === after.hiddenWorst,
);
