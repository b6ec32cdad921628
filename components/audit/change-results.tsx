// One row per change: when (absolute, UTC), who and how they were signed in, from which address
// and browser, the action, the target (a link while it exists and the reader may open it), and
// the summary.
import Link from "next/link";
import { CHANGE_TARGET_LABELS, type ChangeActorVia, type ChangeEventView } from "@/server/contracts/audit.ts";
import { formatTimestamp } from "@/components/deployments/timestamp.tsx";

const VIA_LABELS: Record<ChangeActorVia, string> = { session: "Browser", token: "API token", system: "Server" };
const VIA_CLASSES: Record<ChangeActorVia, string> = {
  session: "border-slate-300 bg-slate-50 text-slate-700",
  token: "border-violet-300 bg-violet-50 text-violet-800",
  system: "border-amber-300 bg-amber-50 text-amber-900",
};

function Via({ via }: { via: ChangeActorVia }) {
  return <span className={`inline-block whitespace-nowrap rounded border px-1.5 py-0.5 text-xs font-medium ${VIA_CLASSES[via]}`}>{VIA_LABELS[via]}</span>;
}

/** Date above time, so the column stays narrow and the summary gets the room. */
function When({ iso }: { iso: string }) {
  const [date, clock, zone] = formatTimestamp(iso).split(" ");
  return (
    <time dateTime={iso} title={iso}>
      <span className="block">{date}</span>
      <span className="block text-xs text-slate-500">
        {clock} {zone}
      </span>
    </time>
  );
}

function Target({ event }: { event: ChangeEventView }) {
  const label = CHANGE_TARGET_LABELS[event.targetType] ?? event.targetType;
  return (
    <div className="flex flex-col">
      <span className="text-xs text-slate-500">{label}</span>
      {event.targetHref ? (
        <Link className="font-medium text-blue-700 underline-offset-2 hover:underline" href={event.targetHref}>
          {event.targetName || event.targetId}
        </Link>
      ) : (
        <span className="font-medium text-slate-800">{event.targetName || event.targetId || "—"}</span>
      )}
    </div>
  );
}

export function ChangeResults({ items }: { items: ChangeEventView[] }) {
  const header = ["When", "Who", "Via", "From", "Action", "Target", "What"];
  return (
    <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Changes">
      <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
        <tr>
          {header.map((title) => (
            <th key={title} scope="col" className="px-3 py-2">
              {title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 align-top">
        {items.map((event) => (
          <tr key={event.id} data-change-id={event.id}>
            <td className="whitespace-nowrap px-3 py-2">
              <When iso={event.at} />
            </td>
            <td className="px-3 py-2 font-medium text-slate-900">{event.actorName}</td>
            <td className="px-3 py-2">
              <Via via={event.actorVia} />
            </td>
            <td className="px-3 py-2">
              <span className="whitespace-nowrap font-mono text-xs text-slate-800">{event.ipAddress ?? "—"}</span>
              {/* The whole user agent is in the exports; one line is enough to tell a browser from a script. */}
              {event.userAgent ? (
                <span className="mt-0.5 block max-w-36 truncate text-xs text-slate-500" title={event.userAgent}>
                  {event.userAgent}
                </span>
              ) : null}
            </td>
            <td className="whitespace-nowrap px-3 py-2">
              <code className="rounded bg-slate-100 px-1 py-0.5 text-xs text-slate-800">{event.action}</code>
            </td>
            <td className="px-3 py-2">
              <Target event={event} />
            </td>
            <td className="px-3 py-2 text-slate-700">{event.summary}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
