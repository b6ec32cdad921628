"use client";
// How long something took (start to end), or, while it runs, how long so far: ticking every
// second in the browser. Server and first render show the stored span only, so hydration matches.
import { formatDuration } from "@/components/timeline/lane-segments.ts";
import { useNow } from "@/components/object-status/use-now.ts";

export function Duration({ start, end, fallback = "—" }: { start: string | null; end: string | null; fallback?: string }) {
  if (!start) return <span className="text-slate-400">{fallback}</span>;
  if (end) return <span className="tabular-nums">{formatDuration(Date.parse(end) - Date.parse(start))}</span>;
  return <RunningDuration start={start} />;
}

function RunningDuration({ start }: { start: string }) {
  const now = useNow(1000);
  return <span className="tabular-nums">{now === null ? "running" : `${formatDuration(now - Date.parse(start))} so far`}</span>;
}
