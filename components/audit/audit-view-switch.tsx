// The two views of the audit browser, snapshots and the change trail, as links (each view is its
// own URL: shareable, the back button works, Tab and Enter reach both without JavaScript).
import Link from "next/link";

export type AuditView = "snapshots" | "changes";

const VIEWS: { view: AuditView; label: string; href: string }[] = [
  { view: "snapshots", label: "Snapshots", href: "/audit" },
  { view: "changes", label: "Changes", href: "/audit?view=changes" },
];

export function AuditViewSwitch({ current }: { current: AuditView }) {
  return (
    <nav aria-label="Audit views" className="border-b border-slate-200">
      <ul className="-mb-px flex gap-1">
        {VIEWS.map(({ view, label, href }) => {
          const active = view === current;
          return (
            <li key={view}>
              <Link
                href={href}
                aria-current={active ? "page" : undefined}
                className={`inline-block rounded-t-md border px-4 py-2 text-sm font-medium focus:outline-none focus:ring-2 focus:ring-blue-300 ${
                  active ? "border-slate-200 border-b-white bg-white text-slate-900" : "border-transparent text-slate-600 hover:text-slate-900"
                }`}
              >
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
