"use client";
// A repeatable list of rows (labels, key/values, ports) with add and remove buttons. Errors about
// the list as a whole ("Keys must be unique") show under its legend.
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button.tsx";
import { useFieldErrors } from "../field-errors.tsx";

type RowListProps<T> = {
  legend: string;
  /** Issue path of the list, e.g. "config.data". */
  path: string;
  items: T[];
  onChange: (items: T[]) => void;
  newItem: () => T;
  /** Names one row for its remove button ("label key row 2"); must not contain an input's label. */
  rowName: (index: number) => string;
  addLabel: string;
  hint?: ReactNode;
  /** Visual column headings (the inputs carry their own labels). */
  columns?: ReactNode;
  renderRow: (item: T, index: number, update: (next: T) => void) => ReactNode;
};

export function RowList<T>({ legend, path, items, onChange, newItem, rowName, addLabel, hint, columns, renderRow }: RowListProps<T>) {
  const errors = useFieldErrors(path);
  const update = (index: number) => (next: T) => onChange(items.map((item, i) => (i === index ? next : item)));
  const remove = (index: number) => onChange(items.filter((_, i) => i !== index));
  return (
    <fieldset data-field-path={path} tabIndex={-1} className="flex flex-col gap-2 outline-none">
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      {hint ? <p className="-mt-1 text-xs text-slate-500">{hint}</p> : null}
      {errors?.length ? (
        <p role="alert" className="text-xs font-medium text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
      {items.length > 0 && columns ? <div className="hidden text-xs font-medium text-slate-500 sm:block">{columns}</div> : null}
      {items.map((item, index) => (
        <div key={index} className="flex items-start gap-2">
          <div className="min-w-0 flex-1">{renderRow(item, index, update(index))}</div>
          <Button
            variant="ghost"
            aria-label={`Remove ${rowName(index)}`}
            title={`Remove ${rowName(index)}`}
            onClick={() => remove(index)}
            className="mt-0.5 text-slate-500"
          >
            ✕
          </Button>
        </div>
      ))}
      <div>
        <Button onClick={() => onChange([...items, newItem()])}>+ {addLabel}</Button>
      </div>
    </fieldset>
  );
}
