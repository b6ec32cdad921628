// Rows arrive flat (children point at their owner's key); the table wants a tree. A child whose
// parent is missing (removed, or not tracked) is shown at the top level rather than hidden.
// Siblings get one deterministic order (the live table, the frozen one and a reload of it must
// look the same, whatever order the server's rows came in): namespaces and CRDs first, as they are
// applied first, then by kind, namespace and name.
import type { ObjectRowView } from "@/server/contracts/object-status.ts";

export type RowTree = { topLevel: ObjectRowView[]; childrenOf: ReadonlyMap<string, ObjectRowView[]> };

export function buildRowTree(rows: ReadonlyMap<string, ObjectRowView>): RowTree {
  const topLevel: ObjectRowView[] = [];
  const childrenOf = new Map<string, ObjectRowView[]>();
  for (const row of rows.values()) {
    if (row.parentKey !== null && row.parentKey !== row.key && rows.has(row.parentKey)) {
      const siblings = childrenOf.get(row.parentKey);
      if (siblings) siblings.push(row);
      else childrenOf.set(row.parentKey, [row]);
    } else {
      topLevel.push(row);
    }
  }
  topLevel.sort(byDefaultOrder);
  for (const siblings of childrenOf.values()) siblings.sort(byDefaultOrder);
  return { topLevel, childrenOf };
}

const firstKinds = ["Namespace", "CustomResourceDefinition"];
const kindRank = (kind: string) => {
  const rank = firstKinds.indexOf(kind);
  return rank === -1 ? firstKinds.length : rank;
};

function byDefaultOrder(a: ObjectRowView, b: ObjectRowView): number {
  return (
    kindRank(a.kind) - kindRank(b.kind) ||
    a.kind.localeCompare(b.kind) ||
    a.namespace.localeCompare(b.namespace) ||
    a.name.localeCompare(b.name) ||
    a.key.localeCompare(b.key)
  );
}
