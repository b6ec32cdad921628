// Pure: the order of a snapshot's rows as a tree (the audit snapshot page and its tests).
/** Rows in tree order (each parent followed by its children), with their depth for indentation. */
export function treeOrder<T extends { objectKey: string; parentKey: string | null }>(rows: T[]): { row: T; depth: number }[] {
  const keys = new Set(rows.map((row) => row.objectKey));
  const children = new Map<string | null, T[]>();
  for (const row of rows) {
    // A child whose parent is not in the table (removed before the freeze) is shown at the top.
    const parent = row.parentKey !== null && keys.has(row.parentKey) ? row.parentKey : null;
    children.set(parent, [...(children.get(parent) ?? []), row]);
  }
  const ordered: { row: T; depth: number }[] = [];
  const seen = new Set<string>();
  const visit = (parent: string | null, depth: number) => {
    for (const row of children.get(parent) ?? []) {
      if (seen.has(row.objectKey)) continue;
      seen.add(row.objectKey);
      ordered.push({ row, depth });
      visit(row.objectKey, depth + 1);
    }
  };
  visit(null, 0);
  // Rows caught in a parent cycle are unreachable from the top; an auditor must still see them.
  for (const row of rows) if (!seen.has(row.objectKey)) ordered.push({ row, depth: 0 });
  return ordered;
}
