// Hash-consing of the small JSON trees many watched objects hold identically (issue 12: heap
// < 2 KB per tracked object). The pods of one rollout mostly carry the same conditions, the same
// container states and often the same whole status: same words, same times to the second. Each
// distinct tree is kept once and frozen; an object whose tree equals one seen recently points to
// that one. Only plain JSON (records and arrays of primitives and of trees shared already) is
// shared, bottom-up; anything else is left as it is.
//
// Bounded: a table of recent trees, started over when full, so a cluster whose pods are all
// different costs at most the table (its keys), never memory per object. Shared trees are
// frozen: the engine never writes into a watched object after its projection, and one that did
// would throw instead of changing another object's status.

type Json = Record<string, unknown>;

const TABLE_LIMIT = 4_096;
let table = new Map<string, object>();
// The id of each tree in the table, its part of a parent's key. A Map started over with the table
// rather than a WeakMap: tens of thousands of WeakMap entries made every major GC slower (the
// engine bench at 70,000 objects lost a third of its events per CPU second to them). A tree
// shared before the table started over can no longer be a shared child: its parent stays apart.
let ids = new Map<object, number>();
let nextId = 1;

/** The shared copy of `value` when it is a shareable tree (its children shared first, in place), else `value`. */
export function shareTree<T>(value: T): T {
  if (typeof value !== "object" || value === null) return value;
  if (ids.has(value)) return value;
  if (Object.isFrozen(value)) return value;
  let key: string | null;
  if (Array.isArray(value)) {
    let text = "[";
    for (let i = 0; i < value.length; i++) {
      value[i] = shareTree(value[i]);
      const part = keyPart(value[i]);
      if (part === null) return value;
      text += `${part},`;
    }
    key = `${text}]`;
  } else {
    const record = value as Json;
    if (Object.getPrototypeOf(record) !== Object.prototype) return value;
    let text = "{";
    for (const name in record) {
      record[name] = shareTree(record[name]);
      const part = keyPart(record[name]);
      if (part === null) return value;
      text += `${name.length}:${name}=${part},`;
    }
    key = `${text}}`;
  }
  const known = table.get(key);
  if (known) return known as T;
  if (table.size >= TABLE_LIMIT) {
    table = new Map();
    ids = new Map();
  }
  Object.freeze(value);
  ids.set(value, nextId++);
  table.set(key, value);
  return value;
}

/** A value's part of its parent's key (strings length-prefixed, so no text can fake a separator); null: not shareable. */
function keyPart(value: unknown): string | null {
  switch (typeof value) {
    case "string":
      return `s${value.length}:${value}`;
    case "number":
      return `n${value}`;
    case "boolean":
      return value ? "t" : "f";
    case "undefined":
      return "u";
    case "object": {
      if (value === null) return "z";
      const id = ids.get(value);
      return id === undefined ? null : `#${id}`;
    }
    default:
      return null;
  }
}

/** Trees in the table now (for tests). */
export const sharedTreeCount = () => table.size;
