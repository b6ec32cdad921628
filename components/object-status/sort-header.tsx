// A column header that sorts on click and on Enter/Space (it is a button), and tells assistive
// technology the current order through aria-sort on the <th>.
import type { Header } from "@tanstack/react-table";
import type { ObjectRowView } from "@/server/contracts/object-status.ts";

export function SortHeader({ header, label }: { header: Header<ObjectRowView, unknown>; label: string }) {
  const sorted = header.column.getIsSorted();
  const ariaSort = sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none";
  return (
    <th scope="col" aria-sort={ariaSort} className="px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
      <button
        type="button"
        onClick={header.column.getToggleSortingHandler()}
        className="inline-flex items-center gap-1 rounded hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-blue-600"
      >
        {label}
        <span aria-hidden="true" className="text-slate-400">
          {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
        </span>
      </button>
    </th>
  );
}
