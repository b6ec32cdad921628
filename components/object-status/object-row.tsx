"use client";
// One table row, live or frozen. Memoised on the row's data object: the reducer keeps unchanged
// rows identical, so a live update re-renders only the rows that changed (no flicker, focus and
// hover survive). The name's button ([data-row-open]) is the row's keyboard stop: the table moves
// focus between these buttons with the arrow keys, Enter opens the drawer.
import { flexRender, type Row } from "@tanstack/react-table";
import { memo, type MouseEvent } from "react";
import type { ObjectRowView } from "@/server/contracts/object-status.ts";
import { BreakableName } from "./breakable-name.tsx";
import type { TimeMode } from "./object-columns.tsx";

type ObjectRowProps = {
  row: Row<ObjectRowView>;
  /** The fields below are what the row looks like; the memo compares them, not `row`. */
  original: ObjectRowView;
  depth: number;
  expanded: boolean;
  hasChildren: boolean;
  selected: boolean;
  /** Not read here (the cells read it from the columns), but a frozen table must redraw its times. */
  timeMode: TimeMode;
  onOpen: (key: string) => void;
  onToggle: (key: string) => void;
};

function ObjectRowContent({ row, original, depth, expanded, hasChildren, selected, onOpen, onToggle }: ObjectRowProps) {
  // A click anywhere on the row opens it, except on its own buttons (they handle themselves).
  const onRowClick = (event: MouseEvent) => {
    if ((event.target as HTMLElement).closest("button")) return;
    onOpen(original.key);
  };
  return (
    <tr
      data-row-key={original.key}
      aria-selected={selected}
      onClick={onRowClick}
      className={`cursor-pointer border-t border-slate-100 align-top hover:bg-slate-50 ${selected ? "bg-blue-50" : ""}`}
    >
      {row.getVisibleCells().map((cell) =>
        cell.column.id === "name" ? (
          <td key={cell.id} className="px-3 py-2">
            <div className="flex items-start gap-1" style={{ paddingLeft: `${depth * 1.25}rem` }}>
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
            </div>
          </td>
        ) : (
          <td key={cell.id} className="px-3 py-2 text-slate-700">
            {flexRender(cell.column.columnDef.cell, cell.getContext())}
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
    before.onToggle === after.onToggle,
);
