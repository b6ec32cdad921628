"use client";
// Details of one object row, in a modal side drawer: status, message and summary from the live
// row, then what the server keeps about the object (manifest, observed status, timeline, events,
// container problems). Live rows are re-read when their status changes; frozen rows come from the
// stored snapshot. Esc or Close closes it; focus stays inside while open and returns afterwards.
import { useEffect, useRef, useState } from "react";
import type { ObjectDetailsView } from "@/server/contracts/live.ts";
import type { ObjectRowView } from "@/server/contracts/object-status.ts";
import { api } from "@/components/api-client.ts";
import { Button } from "@/components/ui/button.tsx";
import { BreakableName } from "./breakable-name.tsx";
import { ObjectDetails } from "./object-details.tsx";
import { RowStatusLabel } from "./row-status.tsx";
import { useDialogFocus } from "./use-dialog-focus.ts";

type DetailsState = { kind: "loading" } | { kind: "loaded"; details: ObjectDetailsView } | { kind: "error"; message: string };

/** `link`: this object's URL (the page with its drawer open), offered in the header. */
export function ObjectDrawer({ stepRunId, row, link, onClose }: { stepRunId: string; row: ObjectRowView; link?: string; onClose: () => void }) {
  const dialogRef = useRef<HTMLDivElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  useDialogFocus(dialogRef, closeRef, onClose);
  const [state, setState] = useState<DetailsState>({ kind: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    api<ObjectDetailsView>(`/api/step-runs/${encodeURIComponent(stepRunId)}/objects/${encodeURIComponent(row.key)}`).then(
      (details) => {
        if (!cancelled) setState({ kind: "loaded", details });
      },
      (error: unknown) => {
        if (!cancelled) setState({ kind: "error", message: error instanceof Error ? error.message : "The details could not be loaded." });
      },
    );
    return () => {
      cancelled = true;
    };
    // lastChangeAt: a live row that changed has new events and a new observed status to show.
  }, [stepRunId, row.key, row.lastChangeAt, attempt]);

  const titleId = `object-drawer-title-${row.key}`;
  return (
    <div className="fixed inset-0 z-40 flex justify-end">
      <div className="absolute inset-0 bg-slate-900/30" aria-hidden="true" onClick={onClose} />
      <div
        ref={dialogRef}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className="relative flex h-full w-full max-w-2xl flex-col bg-white shadow-xl"
      >
        <header className="flex items-start gap-3 border-b border-slate-200 px-5 py-4">
          <div className="min-w-0 flex-1">
            <p className="text-xs text-slate-500">
              {row.kind}
              {row.namespace ? ` · ${row.namespace}` : ""} · {row.apiVersion}
            </p>
            <h2 id={titleId} className="text-lg font-semibold text-slate-900 [overflow-wrap:anywhere]">
              <BreakableName text={row.name} />
            </h2>
            {link ? (
              <a href={link} className="text-xs text-blue-700 underline-offset-2 hover:underline">
                Link to this object
              </a>
            ) : null}
          </div>
          <button
            ref={closeRef}
            type="button"
            onClick={onClose}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
          >
            Close
          </button>
        </header>
        <div className="flex-1 overflow-auto px-5 py-4">
          <div className="mb-6 flex flex-col gap-1 text-sm">
            <RowStatusLabel status={row.status} />
            {row.message ? <p className="whitespace-pre-wrap break-words text-slate-800">{row.message}</p> : null}
            {row.summary ? <p className="text-slate-600">{row.summary}</p> : null}
            {state.kind === "loaded" && state.details.source === "snapshot" ? (
              <p className="text-xs text-slate-500">From the snapshot stored when the step ended.</p>
            ) : null}
          </div>
          {state.kind === "loading" ? <p className="text-sm text-slate-500">Loading details…</p> : null}
          {state.kind === "error" ? (
            <div role="alert" className="flex flex-wrap items-center gap-3 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
              <span>Could not load the details: {state.message}</span>
              <Button
                onClick={() => {
                  setState({ kind: "loading" });
                  setAttempt((n) => n + 1);
                }}
              >
                Retry
              </Button>
            </div>
          ) : null}
          {state.kind === "loaded" ? <ObjectDetails details={state.details} /> : null}
        </div>
      </div>
    </div>
  );
}
