// Which fields of a record differ between two states, by name only. The states may hold sealed
// secrets or digests of credentials: they are compared here and only the names leave.
import { isDeepStrictEqual } from "node:util";

type Fields = Record<string, unknown>;

const isPlainObject = (value: unknown): value is Fields => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Dotted names of the fields that differ, at most `depth` levels deep ("config.image"); a deeper
 * difference is named by its ancestor at that depth, and a list is one field. The depth limit
 * also keeps keys that users choose (Helm values, labels) out of the trail.
 */
export function changedFields(before: Fields, after: Fields, depth = 2, prefix = ""): string[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return names.flatMap((name) => {
    const [left, right] = [before[name], after[name]];
    if (isDeepStrictEqual(left, right)) return [];
    const path = `${prefix}${name}`;
    if (depth > 1 && isPlainObject(left) && isPlainObject(right)) return changedFields(left, right, depth - 1, `${path}.`);
    return [path];
  });
}

/** "name, config.image" or "no field changed": for summaries. */
export const fieldList = (fields: string[]) => (fields.length ? fields.join(", ") : "no field changed");
