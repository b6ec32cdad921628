"use client";
// The stored timelines of a deployment's steps, loaded with the page (server/process/step-timelines.ts)
// and handed to each step section's timeline without passing through the table components.
// While the deployment runs the page refreshes its server data, so a step that froze gets its
// stored transitions on the next refresh.
import { createContext, useContext, useMemo, type ReactNode } from "react";
import type { StepTimelineView } from "@/server/contracts/timeline.ts";

// null: no stored timelines on this page (then a frozen step shows no timeline from this context).
const StoredTimelines = createContext<ReadonlyMap<string, StepTimelineView> | null>(null);

export function StepTimelinesProvider({ timelines, children }: { timelines: StepTimelineView[]; children: ReactNode }) {
  const byStep = useMemo(() => new Map(timelines.map((timeline) => [timeline.stepRunId, timeline])), [timelines]);
  return <StoredTimelines.Provider value={byStep}>{children}</StoredTimelines.Provider>;
}

/** undefined: this page provides no stored timelines; null: none for this step (yet). */
export function useStoredTimeline(stepRunId: string): StepTimelineView | null | undefined {
  const byStep = useContext(StoredTimelines);
  return byStep ? (byStep.get(stepRunId) ?? null) : undefined;
}
