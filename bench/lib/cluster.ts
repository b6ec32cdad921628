// The sandbox cluster as the bench uses it: namespaces labelled so they can be found and
// deleted, Deployments whose pods become Ready after a simulated delay, and cleanup.
import { AppsV1Api, CoreV1Api, type V1Deployment, type V1Node, type V1Pod } from "@kubernetes/client-node";
// Aliased: the name `useSandbox` trips the React hooks lint rule outside components.
import { useSandbox as startOrReuseSandbox, type Sandbox } from "../../sandbox/testing.ts";
import { createKubeHttp } from "../../server/kube/http.ts";

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
export async function deleteNamespace(name: string, wait = false, timeoutMs = 180_000): Promise<void> {
  const { core } = await benchCluster();
  await core.deleteNamespace({ name }).catch(() => undefined /* already gone */);
  const deadline = Date.now() + timeoutMs;
  while (wait && Date.now() < deadline) {
    const exists = await core.readNamespace({ name }).then(
      () => true,
      () => false,
    );
    if (!exists) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Extra kwok nodes of the bench (the sandbox's three hold 3,000 pods; the rollout needs 8,000). */
const BENCH_NODE_PREFIX = "bench-kwok-node-";
const BENCH_NODE_PODS = 2_000;

/** Adds kwok nodes until the cluster has room for `pods` more pods, and waits until they are Ready. */
export async function ensureBenchNodes(pods: number, timeoutMs = 120_000): Promise<string[]> {
  const { core } = await benchCluster();
  const names = Array.from({ length: Math.ceil(pods / BENCH_NODE_PODS) }, (_, i) => `${BENCH_NODE_PREFIX}${i + 1}`);
  const existing = new Set((await core.listNode()).items.map((node) => node.metadata?.name));
  const capacity = { cpu: "256", memory: "2Ti", pods: String(BENCH_NODE_PODS), "ephemeral-storage": "4Ti" };
  for (const name of names.filter((n) => !existing.has(n))) {
    const body: V1Node = {
      apiVersion: "v1",
      kind: "Node",
      // The sandbox's own node shape (sandbox/lib/nodes.ts): kwok manages nodes with this annotation.
      metadata: {
        name,
        annotations: { "kwok.x-k8s.io/node": "fake", "node.alpha.kubernetes.io/ttl": "0" },
        labels: { "kubernetes.io/hostname": name, "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64", type: "kwok" },
      },
      status: { capacity, allocatable: capacity },
    };
    await core.createNode({ body });
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const nodes = (await core.listNode()).items.filter((node) => names.includes(node.metadata?.name ?? ""));
    const ready = nodes.filter((node) => node.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True"));
    if (ready.length === names.length) return names;
    if (Date.now() > deadline) throw new Error(`bench kwok nodes not Ready after ${timeoutMs / 1000} s (${ready.length} of ${names.length})`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Deletes the bench's extra nodes (after its namespaces are gone, so no pod is left on them). */
export async function removeBenchNodes(): Promise<void> {
  const { core } = await benchCluster();
  const nodes = (await core.listNode()).items.map((node) => node.metadata?.name ?? "").filter((name) => name.startsWith(BENCH_NODE_PREFIX));
  await Promise.all(nodes.map((name) => core.deleteNode({ name }).catch(() => undefined)));
}

/**
 * Empties a namespace of Deployments, ReplicaSets and pods, pods without a grace period: deleting
 * the namespace alone makes the garbage collector and kwok remove thousands of pods one by one
 * (minutes for 8,000 pods on 2 cores, which would weigh on the next scenario). Workloads go first,
 * orphaning their children, so nothing recreates the pods. Returns the pods deleted.
 */
export async function emptyNamespaceFast(namespace: string): Promise<number> {
  const { apps, core, kubeConfig } = await benchCluster();
  await apps.deleteCollectionNamespacedDeployment({ namespace, propagationPolicy: "Orphan" }).catch(() => undefined);
  await apps.deleteCollectionNamespacedReplicaSet({ namespace, propagationPolicy: "Orphan" }).catch(() => undefined);
  // One DELETE per pod, 32 in flight: a deletecollection is worked off by one worker in the API
  // server (--delete-collection-workers=1), about 15 pods a second on the loaded machine. Over
  // the apply's keep-alive client: client-node's typed API opens a TLS connection per request,
  // which made 8,000 deletes take minutes (issue 12's rollout cleanup, 317 s).
  const http = createKubeHttp(kubeConfig, { keepAlive: true });
  const pods = await core.listNamespacedPod({ namespace }).catch(() => ({ items: [] as V1Pod[] }));
  const body = JSON.stringify({ apiVersion: "v1", kind: "DeleteOptions", gracePeriodSeconds: 0 });
  await inBatches(pods.items, 32, (pod) =>
    http({ method: "DELETE", path: `/api/v1/namespaces/${namespace}/pods/${pod.metadata!.name!}`, body, contentType: "application/json" }).catch(
      () => undefined /* already gone */,
    ),
  );
  return pods.items.length;
}
