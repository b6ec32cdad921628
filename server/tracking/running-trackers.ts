// The trackers running in this process, by step run, so the details drawer can show the last
// observed object of a live row without another request to the cluster.
import type { StepTracker } from "./step-tracker.ts";

const holder = globalThis as typeof globalThis & { __kdeployTrackers?: Map<string, StepTracker> };

export function runningTrackers(): Map<string, StepTracker> {
  holder.__kdeployTrackers ??= new Map();
  return holder.__kdeployTrackers;
}
