// The audit page's query string: one value per key, and the filters of a search without its
// paging (what an export of "this search" and the page links carry).
export type RawSearchParams = Record<string, string | string[] | undefined>;

export const singleValues = (params: RawSearchParams): Record<string, string> =>
  Object.fromEntries(
    Object.entries(params).flatMap(([key, value]) =>
      typeof value === "string" ? [[key, value]] : Array.isArray(value) && value[0] !== undefined ? [[key, value[0]]] : [],
    ),
  );

const PAGING = ["after", "before", "limit", "total"];

/** The filters only (no cursor, size or count switch); `drop` removes more keys (the view, for an export). */
export function filterQuery(values: Record<string, string>, drop: string[] = []): URLSearchParams {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value && !PAGING.includes(key) && !drop.includes(key)) query.set(key, value);
  return query;
}

/** What the previous / next links keep: the filters and the page size. */
export function pageQuery(values: Record<string, string>): URLSearchParams {
  const query = filterQuery(values);
  if (values.limit) query.set("limit", values.limit);
  return query;
}

/** "12 changes match", "1 snapshot matches", "1,000+ objects match". */
export function matchCount(total: { count: number; capped: boolean } | null, plural: string): string {
  if (!total) return "";
  const one = total.count === 1 && !total.capped;
  return `${total.count.toLocaleString("en")}${total.capped ? "+" : ""} ${one ? plural.replace(/s$/, "") : plural} ${one ? "matches" : "match"}`;
}
