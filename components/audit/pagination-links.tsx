// Previous / next links of a keyset-paginated search: each keeps the filters and sets one cursor.
import Link from "next/link";

export function PaginationLinks({
  baseQuery,
  previousCursor,
  nextCursor,
}: {
  baseQuery: URLSearchParams;
  previousCursor: string | null;
  nextCursor: string | null;
}) {
  const href = (key: "after" | "before", cursor: string) => {
    const query = new URLSearchParams(baseQuery);
    query.delete("after");
    query.delete("before");
    query.set(key, cursor);
    return `/audit?${query}`;
  };
  const linkClass =
    "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 focus:outline-none focus:ring-2 focus:ring-blue-300";
  const disabledClass = "rounded-md border border-slate-200 px-3 py-1.5 text-sm text-slate-400";
  return (
    <nav aria-label="Result pages" className="flex gap-2">
      {previousCursor ? (
        <Link className={linkClass} href={href("before", previousCursor)} rel="prev">
          ← Previous
        </Link>
      ) : (
        <span className={disabledClass} aria-disabled="true">
          ← Previous
        </span>
      )}
      {nextCursor ? (
        <Link className={linkClass} href={href("after", nextCursor)} rel="next">
          Next →
        </Link>
      ) : (
        <span className={disabledClass} aria-disabled="true">
          Next →
        </span>
      )}
    </nav>
  );
}
