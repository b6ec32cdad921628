// Manifests of issue 12's rollout and created-at-once scenarios: N Deployments whose pods kwok
// makes Ready at once (no ready-after annotation, no behaviour label: sandbox stage pod-ready).
import type { KubeObject } from "../../server/deploy/render/form-objects.ts";
import { RUN_LABEL } from "../lib/cluster.ts";

/** Label on every Deployment of one run (kubectl rollout status -l selects them with it); its pods carry RUN_LABEL with the same value. */
export const GROUP_LABEL = "bench.kdeploy.dev/group";

/** `paused`: the deployment controller creates no ReplicaSet or pod for it (an apply to measure, no rollout). */
export const readyDeployments = (n: number, replicas: number, namespace: string, group: string, paused = false): KubeObject[] =>
  Array.from({ length: n }, (_, i) => ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: `app-${i}`, namespace, labels: { [GROUP_LABEL]: group } },
    spec: {
      replicas,
      ...(paused ? { paused: true } : {}),
      progressDeadlineSeconds: 1200,
      selector: { matchLabels: { app: `app-${i}` } },
      template: { metadata: { labels: { app: `app-${i}`, [RUN_LABEL]: group } }, spec: { containers: [{ name: "app", image: "registry.invalid/bench:1" }] } },
    },
  }));
