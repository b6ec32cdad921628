// Our engine as a tool: a StepTracker on a real WatchHub, exactly as the executor runs it, with a
// sink that timestamps the moment it reports "Desired state reached" (before stabilization).
import type { KubeConfig, KubernetesObject } from "@kubernetes/client-node";
import { StepTracker } from "../../server/tracking/step-tracker.ts";
import { CountingRequests, createObjects } from "../../server/tracking/tracker-harness.ts";
import { WatchHub } from "../../server/kube/watch-hub.ts";
import { httpTransport } from "../../server/kube/http-transport.ts";
import { systemClock } from "../../server/kube/clock.ts";
import type { TrackedTopLevel } from "../../server/tracking/watch-plan.ts";
import { nowMs } from "../lib/clock.ts";

export type OursRun = {
  /** Epoch ms when the tracker said every object is Success. */
  desiredStateReached: Promise<number>;
  counter: CountingRequests;
  hub: WatchHub;
  stop(): Promise<void>;
};

export async function createTracked(kubeConfig: KubeConfig, manifests: KubernetesObject[]): Promise<TrackedTopLevel[]> {
  return createObjects(kubeConfig, manifests);
}

export function trackWithOurEngine(kubeConfig: KubeConfig, objects: TrackedTopLevel[], timeoutSeconds: number): OursRun {
  const counter = new CountingRequests();
  // lingerMs 0: the streams close as soon as the step ends, so nothing outlives the measurement.
  const hub = new WatchHub((_cluster, resource, namespace) => httpTransport(kubeConfig, resource, namespace, counter), { lingerMs: 0 });
  let resolveReached!: (at: number) => void;
  let rejectReached!: (error: Error) => void;
  const desiredStateReached = new Promise<number>((resolve, reject) => ((resolveReached = resolve), (rejectReached = reject)));
  desiredStateReached.catch(() => undefined);
  const tracker = new StepTracker({
    hub,
    clusterKey: "bench",
    clock: systemClock,
    stepRunId: "bench-step",
    // A long stabilization: the measured moment is "desired state reached", and the tracker is
    // stopped right after, so the stabilization wait never runs.
    options: { waitForJobs: true, outcome: { timeoutSeconds, stabilizationSeconds: 60, podsCannotStart: null } },
    sink: {
      onRows: () => undefined,
      onLog: (_level, message) => {
        if (message.startsWith("Desired state reached")) resolveReached(nowMs());
      },
    },
  });
  void tracker.start(objects).then((result) => rejectReached(new Error(`tracker finished (${result.outcome}) without reaching the desired state`)));
  return {
    desiredStateReached,
    counter,
    hub,
    async stop() {
      tracker.stop();
      await hub.stop();
    },
  };
}
