// The body of the details drawer: what the server stored or observed for one object. All of it is
// text (YAML in <pre>, messages as text nodes); nothing is interpreted as HTML.
import type { ReactNode } from "react";
import { stringify } from "yaml";
import type { ObjectDetailsView } from "@/server/contracts/live.ts";
import { formatTimestamp } from "@/components/deployments/timestamp.tsx";
import type { RowStatus } from "@/server/contracts/object-status.ts";
import { ROW_STATUS_LABELS, RowStatusLabel } from "./row-status.tsx";

export function ObjectDetails({ details }: { details: ObjectDetailsView }) {
  const observedStatus = statusPart(details.observed);
  return (
    <div className="flex flex-col gap-6">
      {details.containerProblems.length > 0 ? (
        <DetailsSection title="Container problems">
          <ul className="flex flex-col gap-3 text-sm">
            {details.containerProblems.map((problem) => (
              <li key={problem.container} className="rounded border border-red-200 bg-red-50 px-3 py-2">
                <p className="font-medium text-red-900">
                  {problem.container}: {problem.reason}
                  {problem.exitCode !== null ? ` (exit code ${problem.exitCode})` : ""}
                </p>
                {problem.message ? <p className="whitespace-pre-wrap break-words text-red-900">{problem.message}</p> : null}
                {problem.logTail && problem.logTail.length > 0 ? (
                  <pre
                    aria-label={`Last log lines of ${problem.container}`}
                    className="mt-2 max-h-60 overflow-auto rounded bg-slate-900 p-2 font-mono text-xs text-slate-100"
                  >
                    {problem.logTail.join("\n")}
                  </pre>
                ) : details.source === "live" ? (
                  <Muted>The cluster returned no logs for this container.</Muted>
                ) : (
                  <Muted>Log lines are read from the cluster while the step runs; the snapshot does not keep them.</Muted>
                )}
              </li>
            ))}
          </ul>
        </DetailsSection>
      ) : null}
      <DetailsSection title="Events">
        {details.events.length === 0 ? (
          <Muted>No recent events.</Muted>
        ) : (
          <ul className="flex flex-col gap-2 text-sm">
            {details.events.map((event, index) => (
              <li key={index} className={`rounded border px-3 py-2 ${event.type === "Warning" ? "border-amber-200 bg-amber-50" : "border-slate-200"}`}>
                <p className="font-medium text-slate-800">
                  {event.type} · {event.reason}
                  {event.count > 1 ? ` ×${event.count}` : ""}
                  {event.lastSeen ? <span className="font-normal text-slate-500"> · {formatTimestamp(event.lastSeen)}</span> : null}
                </p>
                <p className="whitespace-pre-wrap break-words text-slate-700">{event.message}</p>
              </li>
            ))}
          </ul>
        )}
      </DetailsSection>
      <DetailsSection title="Status timeline">
        {details.transitions.length === 0 ? (
          <Muted>No status changes recorded.</Muted>
        ) : (
          <ol className="flex flex-col gap-1 text-sm">
            {details.transitions.map((transition, index) => (
              <li key={index} className="flex flex-wrap gap-x-3">
                <time dateTime={transition.at} className="shrink-0 tabular-nums text-slate-500">
                  {formatTimestamp(transition.at)}
                </time>
                {isRowStatus(transition.status) ? <RowStatusLabel status={transition.status} /> : <span className="font-medium">{transition.status}</span>}
                <span className="whitespace-pre-wrap break-words text-slate-700">{transition.message}</span>
              </li>
            ))}
          </ol>
        )}
      </DetailsSection>
      <DetailsSection title="Last observed status">
        {observedStatus === undefined ? <Muted>Not observed.</Muted> : <Yaml value={observedStatus} label="Last observed status" />}
      </DetailsSection>
      <DetailsSection title="Applied manifest">
        {details.manifest === null ? (
          <Muted>This object was not applied by the step (it is owned by another object).</Muted>
        ) : (
          <Yaml value={details.manifest} label="Applied manifest" />
        )}
      </DetailsSection>
    </div>
  );
}

function DetailsSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section>
      <h3 className="mb-2 text-sm font-semibold text-slate-900">{title}</h3>
      {children}
    </section>
  );
}

function Yaml({ value, label }: { value: unknown; label: string }) {
  return (
    <pre aria-label={label} className="max-h-96 overflow-auto rounded bg-slate-50 p-3 font-mono text-xs leading-5 text-slate-800 ring-1 ring-slate-200">
      {stringify(value)}
    </pre>
  );
}

const Muted = ({ children }: { children: ReactNode }) => <p className="text-sm text-slate-500">{children}</p>;

const isRowStatus = (status: string): status is RowStatus => status in ROW_STATUS_LABELS;

// The drawer shows the status part of the observed object; the rest is in the manifest.
function statusPart(observed: unknown): unknown {
  if (observed === null || observed === undefined) return undefined;
  if (typeof observed === "object" && "status" in observed) return (observed as { status: unknown }).status;
  return observed;
}
