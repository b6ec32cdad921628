// The sandbox cluster as the bench uses it: namespaces labelled so they can be found and
// deleted, Deployments whose pods become Ready after a simulated delay, and cleanup.
import { AppsV1Api, CoreV1Api, type V1Deployment } from "@kubernetes/client-node";
// Aliased: the name `useSandbox` trips the React hooks lint rule outside components.
import { useSandbox as startOrReuseSandbox, type Sandbox } from "../../sandbox/testing.ts";

export type BenchCluster = Sandbox & { apps: AppsV1Api; core: CoreV1Api };

let cluster: BenchCluster | undefined;

export async function benchCluster(): Promise<BenchCluster> {
  if (cluster) return cluster;
  const sandbox = await startOrReuseSandbox();
  cluster = { ...sandbox, apps: sandbox.kubeConfig.makeApiClient(AppsV1Api), core: sandbox.kubeConfig.makeApiClient(CoreV1Api) };
  return cluster;
}

/** Deletes every namespace the bench created (issued, not awaited: the cluster finishes it). */
export async function cleanupCluster(): Promise<void> {
  await cluster?.cleanup();
}

/** Label on every pod the bench creates, so the independent watch selects only one rollout's pods. */
export const RUN_LABEL = "bench.kdeploy.dev/run";

export type PodBehaviour = { readyAfter: string } | { neverReady: true };

export function deploymentManifest(name: string, namespace: string, runId: string, replicas: number, behaviour: PodBehaviour): V1Deployment {
  const labels: Record<string, string> = { app: name, [RUN_LABEL]: runId };
  const annotations: Record<string, string> = {};
  if ("readyAfter" in behaviour) annotations["sandbox.kdeploy.dev/ready-after"] = behaviour.readyAfter;
  else labels["sandbox.kdeploy.dev/behavior"] = "never-ready";
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace },
    spec: {
      replicas,
      progressDeadlineSeconds: 600,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels, annotations }, spec: { containers: [{ name: "app", image: "registry.invalid/bench:1" }] } },
    },
  };
}

/** Runs `task` over `items` with at most `limit` at a time (creating 500 objects at once floods 2 cores). */
export async function inBatches<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export async function createDeployments(manifests: V1Deployment[]): Promise<void> {
  const { apps } = await benchCluster();
  await inBatches(manifests, 10, (body) => apps.createNamespacedDeployment({ namespace: body.metadata!.namespace!, body }));
}

/**
 * Deletes one namespace now (between repetitions, so the cluster does not fill up). With `wait`,
 * until it is gone (bounded): the namespace controller's LISTs while emptying it would otherwise
 * be counted against the next tool in scenario 2.
 */
export async function deleteNamespace(name: string, wait = false): Promise<void> {
  const { core } = await benchCluster();
  await core.deleteNamespace({ name }).catch(() => undefined /* already gone */);
  const deadline = Date.now() + 180_000;
  while (wait && Date.now() < deadline) {
    const exists = await core.readNamespace({ name }).then(
      () => true,
      () => false,
    );
    if (!exists) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
