"use client";
// One table row. Memoised on the row's data object: the reducer keeps unchanged rows identical,
// so a live update re-renders only the rows that changed (no flicker, focus and hover survive).
import { flexRender, type Row } from "@tanstack/react-table";
import { memo, type MouseEvent } from "react";
import type { ObjectRowView } from "@/server/contracts/object-status.ts";

type ObjectRowProps = {
  row: Row<ObjectRowView>;
  /** The fields below are what the row looks like; the memo compares them, not `row`. */
  original: ObjectRowView;
  depth: number;
  expanded: boolean;
  hasChildren: boolean;
  selected: boolean;
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
          <td key={cell.id} className="min-w-64 px-3 py-2">
            <div className="flex items-start gap-1" style={{ paddingLeft: `${depth * 1.25}rem` }}>
              {hasChildren ? (
                <button
                  type="button"
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
                onClick={() => onOpen(original.key)}
                className="break-all text-left font-medium text-blue-700 hover:underline"
                title="Show details"
              >
                {original.name}
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
    before.onOpen === after.onOpen &&
    before.onToggle === after.onToggle,
);
