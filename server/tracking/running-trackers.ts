// The trackers running in this process, by step run, so the details drawer can show the last
// observed object of a live row without another request to the cluster, and so shutdown can
// stop them all (each releases its watch subscriptions and resolves with `stopped: true`).
import type { StepTracker } from "./step-tracker.ts";

const holder = globalThis as typeof globalThis & { __kdeployTrackers?: Map<string, StepTracker> };

export function runningTrackers(): Map<string, StepTracker> {
  holder.__kdeployTrackers ??= new Map();
  return holder.__kdeployTrackers;
}

/** Stops every running tracker (server shutdown); resolves once each has ended. Returns how many. */
export async function stopAllTrackers(): Promise<number> {
  const trackers = [...runningTrackers().values()];
  for (const tracker of trackers) tracker.stop();
  await Promise.allSettled(trackers.map((tracker) => tracker.done));
  return trackers.length;
}
