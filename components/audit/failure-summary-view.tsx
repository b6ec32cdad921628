"use client";
// The failure summary of a failed or timed-out step (StepRun.failureSummary, built by
// server/domain/outcome/failureSummary.ts): the headline, every blocking object with its status
// and message, the reason chain from the pod up to the blocking object, and the last events of
// each link. Every object is a link to its row (`objectHref`); where the table is on the page,
// `onObject` opens the row's drawer instead of navigating. The same block is shown in the step
// section (live and after a reload), on the snapshot page and in the task log.
// Older or foreign shapes fall back to their stored text (or JSON). Everything is text.
import type { MouseEvent } from "react";
import { formatTimestamp } from "@/components/deployments/timestamp.tsx";
import { ROW_STATUSES, type RowStatus } from "@/server/contracts/object-status.ts";
import { RowStatusLabel } from "@/components/object-status/row-status.tsx";

type SummaryObject = { key: string; kind: string; namespace?: string; name: string; status: RowStatus; message: string };
type SummaryEvent = { type: string; reason: string; message: string; count?: number; lastSeen?: string };
type SummaryLink = SummaryObject & { events: SummaryEvent[] };
type Blocking = { row: SummaryObject; reasonChain: SummaryLink[] };
export type ParsedFailureSummary = { headline: string | null; blocking: Blocking[] };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;
const isObject = (value: unknown): value is SummaryObject =>
  isRecord(value) &&
  typeof value.key === "string" &&
  typeof value.kind === "string" &&
  typeof value.name === "string" &&
  typeof value.message === "string" &&
  ROW_STATUSES.includes(value.status as RowStatus);

/** The structured summary, or null when the stored value has another shape. */
export function parseFailureSummary(summary: unknown): ParsedFailureSummary | null {
  if (!isRecord(summary) || !Array.isArray(summary.blocking)) return null;
  const blocking: Blocking[] = [];
  for (const entry of summary.blocking) {
    if (!isRecord(entry) || !isObject(entry.row) || !Array.isArray(entry.reasonChain)) return null;
    const chain = entry.reasonChain.filter(isObject).map((link): SummaryLink => {
      const events: unknown = (link as { events?: unknown }).events;
      return { ...link, events: Array.isArray(events) ? (events as SummaryEvent[]) : [] };
    });
    blocking.push({ row: entry.row, reasonChain: chain });
  }
  // The stored text starts with the headline ("The step timed out.") when a reason is known.
  const headline = typeof summary.reason === "string" && typeof summary.text === "string" ? (summary.text.split("\n")[0] ?? null) : null;
  return { headline, blocking };
}

const fallbackText = (summary: unknown): string => {
  if (isRecord(summary) && typeof summary.text === "string") return summary.text;
  return JSON.stringify(summary, null, 2);
};

type FailureSummaryViewProps = {
  summary: unknown;
  /** Where an object's row is: its URL (deployment or snapshot page with `?object=`). */
  objectHref?: (key: string) => string;
  /** Set where the object's table is on this page: opens its drawer instead of following the link. */
  onObject?: (key: string) => void;
  headingLevel?: 2 | 3 | 4;
};

export function FailureSummaryView({ summary, objectHref, onObject, headingLevel = 2 }: FailureSummaryViewProps) {
  const parsed = parseFailureSummary(summary);
  const Heading = `h${headingLevel}` as const;
  return (
    <section aria-label="Failure summary" data-failure-summary="" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-950">
      <Heading className="font-semibold text-red-900">Failure summary</Heading>
      {parsed === null ? (
        <pre className="mt-2 whitespace-pre-wrap break-words font-mono text-xs">{fallbackText(summary)}</pre>
      ) : (
        <>
          {parsed.headline ? <p className="mt-1">{parsed.headline}</p> : null}
          {parsed.blocking.length === 0 ? (
            <p className="mt-1">No object was blocking the step.</p>
          ) : (
            <>
              <p className="mt-1">{parsed.blocking.length === 1 ? "Waiting for 1 object:" : `Waiting for ${parsed.blocking.length} objects:`}</p>
              <ul className="mt-2 flex flex-col gap-3">
                {parsed.blocking.map((blocking) => (
                  <BlockingEntry key={blocking.row.key} blocking={blocking} objectHref={objectHref} onObject={onObject} />
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}

type LinkProps = Pick<FailureSummaryViewProps, "objectHref" | "onObject">;

function BlockingEntry({ blocking, objectHref, onObject }: { blocking: Blocking } & LinkProps) {
  const { row, reasonChain } = blocking;
  const withEvents = reasonChain.filter((link) => link.events.length > 0);
  return (
    <li data-blocking-key={row.key} className="rounded border border-red-200 bg-white px-3 py-2">
      <p className="flex flex-wrap items-center gap-x-2">
        <ObjectLink object={row} objectHref={objectHref} onObject={onObject} />
        <RowStatusLabel status={row.status} />
        {row.message ? <span className="whitespace-pre-wrap [overflow-wrap:anywhere] text-slate-800">{row.message}</span> : null}
      </p>
      {reasonChain.length > 1 ? (
        <div className="mt-2">
          <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">Reason chain</p>
          <ol aria-label={`Reason chain of ${row.kind} ${row.name}`} className="mt-1 flex flex-col gap-1">
            {reasonChain.map((link, index) => (
              <li key={link.key} className="flex flex-wrap items-baseline gap-x-2">
                <span aria-hidden="true" className="text-slate-400">
                  {index === 0 ? "•" : "↑"}
                </span>
                <ObjectLink object={link} objectHref={objectHref} onObject={onObject} />
                <span className="text-slate-700">
                  {link.status}
                  {link.message ? `: ${link.message}` : ""}
                </span>
              </li>
            ))}
          </ol>
        </div>
      ) : null}
      {withEvents.map((link) => (
        <div key={link.key} className="mt-2">
          <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">
            Last events of {link.kind} {link.name}
          </p>
          <ul className="mt-1 flex flex-col gap-0.5 font-mono text-xs text-slate-800">
            {link.events.map((event, index) => (
              <li key={index} className="whitespace-pre-wrap [overflow-wrap:anywhere]">
                {event.lastSeen ? `${formatTimestamp(event.lastSeen)} ` : ""}
                <span className={event.type === "Warning" ? "font-semibold text-amber-800" : ""}>{event.type}</span> {event.reason}: {event.message}
                {event.count && event.count > 1 ? ` (×${event.count})` : ""}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </li>
  );
}

function ObjectLink({ object, objectHref, onObject }: { object: SummaryObject } & LinkProps) {
  const label = `${object.kind} ${object.namespace ? `${object.namespace}/` : ""}${object.name}`;
  if (!objectHref) return <span className="font-medium">{label}</span>;
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (!onObject || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    onObject(object.key);
  };
  return (
    <a
      href={objectHref(object.key)}
      onClick={onClick}
      data-object-link={object.key}
      className="font-medium text-blue-700 underline-offset-2 [overflow-wrap:anywhere] hover:underline"
    >
      {label}
    </a>
  );
}
