// For objects kdeploy did not apply itself (a Helm release's manifest): which resource serves each
// one and which namespace it lives in, with the same discovery cache as apply. Namespaced objects
// without a namespace live in the release's namespace, cluster-scoped ones in none.
import type { KubeConfig } from "@kubernetes/client-node";
import type { KubeObject } from "../render/form-objects.ts";
import type { ResourceInfo } from "./applied-object.ts";
import { createDiscovery } from "./discovery.ts";
import { createKubeHttp } from "../../kube/http.ts";

/** `resource` is undefined for a kind the cluster does not serve (yet: a CRD the chart installs). */
export type ResolvedObject = { object: KubeObject; resource?: ResourceInfo; namespace?: string };

export async function resolveObjectResources(kubeConfig: KubeConfig, objects: KubeObject[], defaultNamespace: string): Promise<ResolvedObject[]> {
  const discovery = createDiscovery(createKubeHttp(kubeConfig), kubeConfig.getCurrentCluster()?.server ?? "");
  const resolved: ResolvedObject[] = [];
  for (const object of objects) {
    const resource = await discovery.find(object.apiVersion, object.kind);
    const namespace = resource?.namespaced ? object.metadata.namespace || defaultNamespace : undefined;
    resolved.push({ object, ...(resource ? { resource } : {}), ...(namespace ? { namespace } : {}) });
  }
  return resolved;
}
