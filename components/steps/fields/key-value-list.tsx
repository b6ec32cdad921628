"use client";
// Key/value rows: ConfigMap data, environment variables, labels, selectors, annotations.
import type { ReactNode } from "react";
import { RowList } from "./row-list.tsx";
import { RowInput } from "./row-input.tsx";

type Entry = { key: string; value: string };

type KeyValueListProps = {
  legend: string;
  path: string;
  entries: Entry[];
  onChange: (entries: Entry[]) => void;
  /** Accessible names of the two inputs of row n: `${keyLabel} n`, `${valueLabel} n`. */
  keyLabel?: string;
  valueLabel?: string;
  addLabel?: string;
  hint?: ReactNode;
  multiline?: boolean;
  keyPlaceholder?: string;
  valuePlaceholder?: string;
};

export function KeyValueList({
  legend,
  path,
  entries,
  onChange,
  keyLabel = "Key",
  valueLabel = "Value",
  addLabel = "Add entry",
  hint,
  multiline,
  keyPlaceholder,
  valuePlaceholder,
}: KeyValueListProps) {
  return (
    <RowList
      legend={legend}
      path={path}
      items={entries}
      onChange={onChange}
      newItem={() => ({ key: "", value: "" })}
      rowName={(index) => `${keyLabel.toLowerCase()} row ${index + 1}`}
      addLabel={addLabel}
      hint={hint}
      columns={
        <div className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)] gap-2 pr-11">
          <span>{keyLabel}</span>
          <span>{valueLabel}</span>
        </div>
      }
      renderRow={(entry, index, update) => (
        <div className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)] gap-2">
          <RowInput
            label={`${keyLabel} ${index + 1}`}
            path={`${path}.${index}.key`}
            value={entry.key}
            placeholder={keyPlaceholder}
            onChange={(key) => update({ ...entry, key })}
          />
          <RowInput
            label={`${valueLabel} ${index + 1}`}
            path={`${path}.${index}.value`}
            value={entry.value}
            placeholder={valuePlaceholder}
            multiline={multiline}
            onChange={(value) => update({ ...entry, value })}
          />
        </div>
      )}
    />
  );
}

/** Kubernetes labels: key/value rows with label-specific names and hints. */
export function LabelList({
  path,
  labels,
  onChange,
  legend = "Labels",
  hint,
}: {
  path: string;
  labels: Entry[];
  onChange: (labels: Entry[]) => void;
  legend?: string;
  hint?: ReactNode;
}) {
  return (
    <KeyValueList
      legend={legend}
      path={path}
      entries={labels}
      onChange={onChange}
      keyLabel={`${legend.replace(/s$/, "")} key`}
      valueLabel={`${legend.replace(/s$/, "")} value`}
      addLabel={`Add ${legend.replace(/s$/, "").toLowerCase()}`}
      keyPlaceholder="e.g. app.kubernetes.io/part-of"
      valuePlaceholder="e.g. shop"
      hint={hint}
    />
  );
}
