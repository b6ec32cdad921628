// Small object builders shared by the sandbox's integration tests.
import type { V1Container, V1Pod, V1PodSpec } from "@kubernetes/client-node";

export const behaviorLabel = "sandbox.kdeploy.dev/behavior";
export const readyAfterAnnotation = "sandbox.kdeploy.dev/ready-after";

/** The image is never pulled (kwok simulates containers); any name works. */
export const container: V1Container = { name: "app", image: "registry.example/app:1.0" };

export function podTemplate(labels: Record<string, string>, spec: Partial<V1PodSpec> = {}) {
  return { metadata: { labels }, spec: { containers: [container], ...spec } };
}

export function pod(name: string, options: { labels?: Record<string, string>; annotations?: Record<string, string> } = {}): V1Pod {
  return {
    metadata: { name, labels: options.labels, annotations: options.annotations },
    spec: { containers: [container] },
  };
}

export function isPodReady(pod: V1Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
}
