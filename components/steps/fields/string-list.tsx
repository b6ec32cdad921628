"use client";
import { RowList } from "./row-list.tsx";
import { RowInput } from "./row-input.tsx";

/** A list of single strings (container arguments). */
export function StringList({
  legend,
  path,
  items,
  onChange,
  itemLabel,
  addLabel,
  hint,
}: {
  legend: string;
  path: string;
  items: string[];
  onChange: (items: string[]) => void;
  itemLabel: string;
  addLabel: string;
  hint?: string;
}) {
  return (
    <RowList
      legend={legend}
      path={path}
      items={items}
      onChange={onChange}
      newItem={() => ""}
      rowName={(index) => `${itemLabel.toLowerCase()} row ${index + 1}`}
      addLabel={addLabel}
      hint={hint}
      renderRow={(item, index, update) => <RowInput label={`${itemLabel} ${index + 1}`} path={`${path}.${index}`} value={item} onChange={update} />}
    />
  );
}
