// The polling approach of the reference tool: every 2 s, one GET per Deployment, done when every
// one is available (observed generation current, all replicas updated and available).
import type { AppsV1Api, V1Deployment } from "@kubernetes/client-node";
import { nowMs, sleepMs } from "../lib/clock.ts";

export const POLL_INTERVAL_MS = 2_000;

export function isAvailable(deployment: V1Deployment): boolean {
  const wanted = deployment.spec?.replicas ?? 1;
  const status = deployment.status ?? {};
  return (
    (status.observedGeneration ?? 0) >= (deployment.metadata?.generation ?? 1) &&
    (status.updatedReplicas ?? 0) === wanted &&
    (status.availableReplicas ?? 0) === wanted &&
    (status.replicas ?? 0) === wanted
  );
}

export type PollingRun = { requests: { at: number }[]; done: Promise<number | null>; stop(): void };

/** Polls until all are available (resolves with the epoch ms of that poll's last answer) or until stopped/deadline (null). */
export function startPollingChecker(apps: AppsV1Api, namespace: string, names: string[], deadlineMs: number): PollingRun {
  const requests: { at: number }[] = [];
  let stopped = false;
  const done = (async () => {
    const deadline = nowMs() + deadlineMs;
    while (!stopped && nowMs() < deadline) {
      const roundStart = nowMs();
      const states = await Promise.all(
        names.map(async (name) => {
          requests.push({ at: Date.now() });
          try {
            return isAvailable(await apps.readNamespacedDeployment({ name, namespace }));
          } catch {
            return false;
          }
        }),
      );
      if (states.every(Boolean)) return nowMs();
      await sleepMs(Math.max(0, POLL_INTERVAL_MS - (nowMs() - roundStart)));
    }
    return null;
  })();
  return { requests, done, stop: () => void (stopped = true) };
}
