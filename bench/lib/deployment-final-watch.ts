// The harness's own observer for issue 12's rollout scenario: a plain WATCH of one namespace's
// Deployments (no tracker code) noting, per Deployment, when this process received the event in
// which its status first showed the rollout finished: generation observed and every one of the
// `replicas` pods updated, ready and available. (The Available condition turns True at 75 % with
// the default maxUnavailable, so the counts are the criterion, not the condition.)
import { createInterface } from "node:readline";
import type { KubeConfig } from "@kubernetes/client-node";
import { getJson, openStream } from "../../server/kube/http.ts";
import { nowMs } from "./clock.ts";

type Deployment = {
  metadata: { name: string; generation?: number };
  spec?: { replicas?: number };
  status?: { observedGeneration?: number; replicas?: number; updatedReplicas?: number; readyReplicas?: number; availableReplicas?: number };
};

export function isRolledOut(deployment: Deployment): boolean {
  const wanted = deployment.spec?.replicas ?? 1;
  const status = deployment.status ?? {};
  return (
    (status.observedGeneration ?? 0) >= (deployment.metadata.generation ?? 1) &&
    status.replicas === wanted &&
    status.updatedReplicas === wanted &&
    status.readyReplicas === wanted &&
    status.availableReplicas === wanted
  );
}

export type DeploymentFinalWatch = {
  /** Receive time (epoch ms) per Deployment name of the event that first showed it rolled out. */
  finalAt: Map<string, number>;
  /** Resolves when `expected` Deployments are rolled out, with the last one's receive time. */
  allFinal: Promise<number>;
  stop(): void;
};

export async function watchDeploymentsFinal(kubeConfig: KubeConfig, namespace: string, expected: number): Promise<DeploymentFinalWatch> {
  const controller = new AbortController();
  const path = `/apis/apps/v1/namespaces/${namespace}/deployments`;
  const list = await getJson<{ items: Deployment[]; metadata: { resourceVersion: string } }>(kubeConfig, path, {}, controller.signal);
  const finalAt = new Map<string, number>();
  const listedAt = nowMs();
  for (const deployment of list.items) if (isRolledOut(deployment)) finalAt.set(deployment.metadata.name, listedAt);
  let resolveFinal!: (at: number) => void;
  let rejectFinal!: (error: Error) => void;
  const allFinal = new Promise<number>((resolve, reject) => ((resolveFinal = resolve), (rejectFinal = reject)));
  allFinal.catch(() => undefined);
  const response = await openStream(
    kubeConfig,
    path,
    { watch: true, resourceVersion: list.metadata.resourceVersion, allowWatchBookmarks: false, timeoutSeconds: 3600 },
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
        const event = JSON.parse(line) as { type: string; object: Deployment };
        const name = event.object.metadata.name;
        if (event.type !== "DELETED" && !finalAt.has(name) && isRolledOut(event.object)) {
          finalAt.set(name, receivedAt);
          if (finalAt.size >= expected) {
            resolveFinal(receivedAt);
            return;
          }
        }
      }
      rejectFinal(new Error("deployment watch ended before every Deployment was rolled out"));
    } catch (error) {
      rejectFinal(error as Error);
    }
  })();
  return { finalAt, allFinal, stop: () => controller.abort() };
}
