// Apply: server-side apply of rendered objects, in an order that lets a step create a namespace
// or a CRD and use it at once. Returns what the tracker needs (uids, resources, namespaces).
import type { KubeConfig } from "@kubernetes/client-node";
import type { KubeObject } from "../render/form-objects.ts";
import { ApplyError } from "./apply-error.ts";
import { applyObject } from "./apply-object.ts";
import { applyPhases } from "./apply-order.ts";
import type { AppliedObject, ApplyOptions } from "./applied-object.ts";
import { waitForCrdsEstablished } from "./crd-readiness.ts";
import { createDiscovery } from "./discovery.ts";
import { createKubeHttp } from "../../kube/http.ts";

export type { AppliedObject, ApplyOptions, ResourceInfo } from "./applied-object.ts";
export { ApplyError } from "./apply-error.ts";

export const DEFAULT_FIELD_MANAGER = "kdeploy";

/**
 * Applies `objects` and returns them as applied, in the order given (document order), although
 * Namespaces and CRDs are applied first. Stops at the first failure with an ApplyError whose
 * `applied` lists what was applied before it; nothing is retried.
 */
export async function applyObjects(kubeConfig: KubeConfig, objects: KubeObject[], options: ApplyOptions): Promise<AppliedObject[]> {
  const http = createKubeHttp(kubeConfig);
  const discovery = createDiscovery(http, kubeConfig.getCurrentCluster()?.server ?? "");
  const onLog = options.onLog ?? (() => undefined);
  const settings = { defaultNamespace: options.defaultNamespace, fieldManager: options.fieldManager ?? DEFAULT_FIELD_MANAGER, onLog };
  const results: (AppliedObject | undefined)[] = new Array(objects.length);
  const appliedSoFar = () => results.filter((result): result is AppliedObject => result !== undefined);
  const phases = applyPhases(objects);
  try {
    for (const index of [...phases.namespaces, ...phases.crds]) results[index] = await applyObject(http, discovery, objects[index]!, settings);
    await waitForCrdsEstablished(
      http,
      discovery,
      phases.crds.map((index) => objects[index]!),
      onLog,
    );
    for (const index of phases.rest) results[index] = await applyObject(http, discovery, objects[index]!, settings);
  } catch (error) {
    if (error instanceof ApplyError) throw new ApplyError(error.message, { ...error.details, applied: appliedSoFar() });
    throw error;
  }
  return appliedSoFar();
}
export { resolveObjectResources, type ResolvedObject } from "./resolve-resources.ts";
