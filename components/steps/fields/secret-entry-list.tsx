"use client";
// Secret key/value rows. Stored values never reach the browser: a key that already has a value
// says so, and leaving its input empty keeps it.
import type { SecretEntryDraft } from "../step-draft.ts";
import { RowList } from "./row-list.tsx";
import { RowInput } from "./row-input.tsx";

export function SecretEntryList({
  path,
  entries,
  onChange,
  legend = "Data",
}: {
  path: string;
  entries: SecretEntryDraft[];
  onChange: (entries: SecretEntryDraft[]) => void;
  legend?: string;
}) {
  return (
    <RowList
      legend={legend}
      path={path}
      items={entries}
      onChange={onChange}
      newItem={(): SecretEntryDraft => ({ key: "", value: "" })}
      rowName={(index) => `secret key row ${index + 1}`}
      addLabel="Add secret key"
      hint="Values are encrypted when saved and are never shown again."
      columns={
        <div className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)] gap-2 pr-11">
          <span>Key</span>
          <span>Value</span>
        </div>
      }
      renderRow={(entry, index, update) => {
        const stored = entry.storedKey !== undefined && entry.storedKey === entry.key;
        return (
          <div className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)] gap-2">
            <RowInput
              label={`Secret key ${index + 1}`}
              path={`${path}.${index}.key`}
              value={entry.key}
              placeholder="e.g. password"
              onChange={(key) => update({ ...entry, key })}
            />
            <RowInput
              label={`Secret value ${index + 1}`}
              path={`${path}.${index}.value`}
              type="password"
              autoComplete="new-password"
              value={entry.value}
              placeholder={stored ? "••••••••" : ""}
              hint={stored ? "value set — leave empty to keep" : undefined}
              onChange={(value) => update({ ...entry, value })}
            />
          </div>
        );
      }}
    />
  );
}
