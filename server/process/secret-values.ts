// Secret step values: sealed before they are stored, reduced to keys before they are shown.
// Used by the Secret step and the Secret part of "configure and apply resources".
import type { Sealer } from "../security/credentials.ts";
import { FieldValidationError } from "../errors.ts";

type InputEntry = { key: string; value?: string };
type StoredEntry = { key: string; sealedValue: string };

/**
 * Seals new values; an entry without a value keeps the value stored for that key before
 * (the browser never has stored values, so "unchanged" is sent as no value).
 */
export function sealEntries(entries: InputEntry[], previous: StoredEntry[], sealer: Sealer, path: string): StoredEntry[] {
  const before = new Map(previous.map((entry) => [entry.key, entry.sealedValue]));
  const missing: string[] = [];
  const sealed = entries.map((entry, index) => {
    if (entry.value !== undefined) return { key: entry.key, sealedValue: sealer.seal(entry.value) };
    const kept = before.get(entry.key);
    if (kept === undefined) missing.push(`${path}.${index}.value`);
    return { key: entry.key, sealedValue: kept ?? "" };
  });
  if (missing.length) throw new FieldValidationError(missing.map((p) => ({ path: p, message: "Enter a value for this key" })));
  return sealed;
}

export const viewEntries = (entries: StoredEntry[]) => entries.map((entry) => ({ key: entry.key, hasValue: entry.sealedValue !== "" }));

export const unsealEntries = (entries: StoredEntry[], sealer: Sealer) => entries.map((entry) => ({ key: entry.key, value: sealer.unseal(entry.sealedValue) }));
