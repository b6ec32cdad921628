// The sandbox's simulated nodes: plain Node objects that kwok manages because of the
// kwok.x-k8s.io/node=fake annotation (kwok runs with --manage-nodes-with-annotation-selector).
import { CoreV1Api, type KubeConfig, type V1Node } from "@kubernetes/client-node";

export const nodeNames = ["kwok-node-1", "kwok-node-2", "kwok-node-3"];

export const notReadyAnnotation = "sandbox.kdeploy.dev/not-ready";

function fakeNode(name: string): V1Node {
  // Generous capacity so scheduling never becomes the bottleneck of a test or benchmark: the
  // default 110 pods per node stalled the 200-Deployment benchmark (3 nodes × 110 < 400 pods).
  const capacity = { cpu: "64", memory: "512Gi", pods: "1000", "ephemeral-storage": "1Ti" };
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name,
      annotations: { "kwok.x-k8s.io/node": "fake", "node.alpha.kubernetes.io/ttl": "0" },
      labels: {
        "kubernetes.io/hostname": name,
        "kubernetes.io/os": "linux",
        "kubernetes.io/arch": "amd64",
        type: "kwok",
      },
    },
    status: { capacity, allocatable: capacity },
  };
}

function isReady(node: V1Node): boolean {
  return node.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
}

/** Creates missing nodes, then waits until all of them are Ready. */
export async function ensureNodes(kubeConfig: KubeConfig, timeoutMs: number): Promise<void> {
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const existing = new Set((await core.listNode()).items.map((n) => n.metadata?.name));
  for (const name of nodeNames) {
    if (!existing.has(name)) await core.createNode({ body: fakeNode(name) });
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const nodes = (await core.listNode()).items.filter((n) => nodeNames.includes(n.metadata?.name ?? ""));
    if (nodes.length === nodeNames.length && nodes.every(isReady)) return;
    if (Date.now() > deadline) throw new Error(`kwok nodes not Ready after ${timeoutMs / 1000}s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Marks a node NotReady (true) or lets it become Ready again (false); see stages/node-not-ready.yaml. */
export async function setNodeNotReady(kubeConfig: KubeConfig, name: string, notReady: boolean): Promise<void> {
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const node = await core.readNode({ name });
  const annotations = { ...(node.metadata?.annotations ?? {}) };
  if (notReady) annotations[notReadyAnnotation] = "true";
  else delete annotations[notReadyAnnotation];
  await core.replaceNode({ name, body: { ...node, metadata: { ...node.metadata, annotations } } });
}
