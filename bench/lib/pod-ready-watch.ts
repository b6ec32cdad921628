// The independent observer of scenario 1: a plain WATCH of the rollout's pods (no tracker code),
// recording when this process received the event that made the last expected pod Ready. The pods'
// own Ready lastTransitionTime has 1 s resolution, so the receive time is the reference.
import { createInterface } from "node:readline";
import type { KubeConfig } from "@kubernetes/client-node";
import { getJson, openStream } from "../../server/kube/http.ts";
import { nowMs } from "./clock.ts";
import { RUN_LABEL } from "./cluster.ts";

type Pod = { metadata: { uid: string }; status?: { conditions?: { type: string; status: string; lastTransitionTime?: string }[] } };

const isReady = (pod: Pod) => pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;

export type PodReadyWatch = {
  /** Resolves with the receive time (epoch ms) of the event that made `expected` pods Ready. */
  allReady: Promise<{ at: number; lastTransitionTime: string | null }>;
  stop(): void;
};

export async function watchPodsReady(kubeConfig: KubeConfig, namespace: string, runId: string, expected: number): Promise<PodReadyWatch> {
  const controller = new AbortController();
  const path = `/api/v1/namespaces/${namespace}/pods`;
  const labelSelector = `${RUN_LABEL}=${runId}`;
  const list = await getJson<{ items: Pod[]; metadata: { resourceVersion: string } }>(kubeConfig, path, { labelSelector }, controller.signal);
  const ready = new Set<string>();
  for (const pod of list.items) if (isReady(pod)) ready.add(pod.metadata.uid);
  let resolveReady!: (value: { at: number; lastTransitionTime: string | null }) => void;
  let rejectReady!: (error: Error) => void;
  const allReady = new Promise<{ at: number; lastTransitionTime: string | null }>((resolve, reject) => ((resolveReady = resolve), (rejectReady = reject)));
  allReady.catch(() => undefined);
  const response = await openStream(
    kubeConfig,
    path,
    { watch: true, labelSelector, resourceVersion: list.metadata.resourceVersion, timeoutSeconds: 1800 },
    controller.signal,
  );
  // Aborting the request makes the response and the line reader emit errors: expected, ignored.
  response.on("error", () => undefined);
  const lines = createInterface({ input: response, crlfDelay: Infinity });
  lines.on("error", () => undefined);
  void (async () => {
    try {
      for await (const line of lines) {
        if (!line.trim()) continue;
        const receivedAt = nowMs();
        const event = JSON.parse(line) as { type: string; object: Pod };
        if (event.type === "DELETED" || !isReady(event.object)) ready.delete(event.object.metadata.uid);
        else ready.add(event.object.metadata.uid);
        if (ready.size >= expected) {
          const condition = event.object.status?.conditions?.find((c) => c.type === "Ready");
          resolveReady({ at: receivedAt, lastTransitionTime: condition?.lastTransitionTime ?? null });
          controller.abort();
          return;
        }
      }
      rejectReady(new Error("pod watch ended before every pod was Ready"));
    } catch (error) {
      rejectReady(error as Error);
    }
  })();
  return { allReady, stop: () => controller.abort() };
}
