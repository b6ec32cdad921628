// A small note on the live connection, so a table that stopped moving is never mistaken for a
// cluster that stopped changing.
import type { ConnectionState } from "./use-live-deployment.ts";

const appearance: Record<Exclude<ConnectionState, "not-needed">, { label: string; dot: string }> = {
  connecting: { label: "Connecting…", dot: "bg-slate-400" },
  connected: { label: "Live", dot: "bg-green-600" },
  reconnecting: { label: "Connection lost — reconnecting…", dot: "bg-amber-500" },
  offline: { label: "Offline — updates paused", dot: "bg-red-600" },
};

export function ConnectionIndicator({ state }: { state: ConnectionState }) {
  if (state === "not-needed") return null;
  const { label, dot } = appearance[state];
  return (
    <p role="status" data-connection={state} className="inline-flex items-center gap-2 text-xs text-slate-600">
      <span aria-hidden="true" className={`h-2 w-2 rounded-full ${dot}`} />
      {label}
    </p>
  );
}
