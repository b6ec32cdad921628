// Download links for exports (plain links: the browser's own download, keyboard-usable).
export function ExportLinks({ baseHref, label }: { baseHref: string; label: string }) {
  const separator = baseHref.includes("?") ? "&" : "?";
  const linkClass =
    "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 focus:outline-none focus:ring-2 focus:ring-blue-300";
  return (
    <div role="group" aria-label={label} className="flex gap-2">
      <a className={linkClass} href={`${baseHref}${separator}format=json`} download>
        Export JSON
      </a>
      <a className={linkClass} href={`${baseHref}${separator}format=csv`} download>
        Export CSV
      </a>
    </div>
  );
}
