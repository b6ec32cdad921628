import { arrayField, isRecord, stringField, type KubeObject } from "../kubeObject";
import { plural, success, summaryOf, type ObjectStatus } from "../objectStatus";
import type { StatusContext } from "../statusContext";

export const waitingForExternalAddressMessage = "Waiting for an external address";
export const noIngressAddressMessage = "No address assigned yet";

/** A Service works as soon as it exists; endpoints and addresses are information, not a verdict. */
export function computeServiceStatus(service: KubeObject, context: StatusContext): ObjectStatus {
  const type = stringField(service, "spec", "type") ?? "ClusterIP";
  const clusterIP = stringField(service, "spec", "clusterIP");
  const endpoints = context.endpointSlices ? countReadyEndpoints(context.endpointSlices) : undefined;
  const summary = summaryOf(
    type === "ExternalName" ? `ExternalName ${stringField(service, "spec", "externalName") ?? ""}` : type,
    type !== "ExternalName" && clusterIP && `cluster IP ${clusterIP}`,
    endpoints && `ready endpoints ${endpoints.ready}/${endpoints.total}`,
  );
  if (type === "LoadBalancer") {
    const addresses = loadBalancerAddresses(service);
    return success(addresses.length > 0 ? `External address ${addresses.join(", ")}` : waitingForExternalAddressMessage, summary);
  }
  if (!endpoints || type === "ExternalName") return success("Exists", summary);
  return success(endpoints.ready === 0 ? "No ready endpoints" : plural(endpoints.ready, "ready endpoint"), summary);
}

export function computeEndpointSliceStatus(slice: KubeObject): ObjectStatus {
  const { ready, total } = countReadyEndpoints([slice]);
  return success(total === 0 ? "No endpoints" : `${ready} of ${plural(total, "endpoint")} ready`, `ready endpoints ${ready}/${total}`);
}

export function computeIngressStatus(ingress: KubeObject): ObjectStatus {
  const addresses = loadBalancerAddresses(ingress);
  const hosts = arrayField(ingress, "spec", "rules")
    .map((rule) => stringField(rule, "host"))
    .filter((host): host is string => !!host);
  const summary = summaryOf(
    stringField(ingress, "spec", "ingressClassName") && `class ${stringField(ingress, "spec", "ingressClassName")}`,
    hosts.length > 0 && `hosts ${hosts.join(", ")}`,
  );
  return success(addresses.length > 0 ? `Address ${addresses.join(", ")}` : noIngressAddressMessage, summary);
}

/**
 * Counts endpoints across a Service's slices. A dual-stack Service has one slice per address
 * family for the same pods, so endpoints are counted once per target. `ready` absent means
 * unknown, which the API asks consumers to treat as ready.
 */
export function countReadyEndpoints(slices: readonly KubeObject[]): { ready: number; total: number } {
  const readiness = new Map<string, boolean>();
  for (const slice of slices) {
    for (const endpoint of arrayField(slice, "endpoints").filter(isRecord)) {
      const identity = stringField(endpoint, "targetRef", "uid") ?? stringField(endpoint, "targetRef", "name") ?? arrayField(endpoint, "addresses").join(",");
      const ready = isRecord(endpoint.conditions) ? endpoint.conditions.ready !== false : true;
      readiness.set(identity, (readiness.get(identity) ?? false) || ready);
    }
  }
  const ready = [...readiness.values()].filter(Boolean).length;
  return { ready, total: readiness.size };
}

/**
 * The addresses of a Service's or Ingress's load-balancer entries. An entry with neither `ip` nor
 * `hostname` (only `ipMode` or `ports`, or empty strings) is not an address yet; `||` rather than
 * `??` so an empty `ip` next to a `hostname` still yields the hostname.
 */
export function loadBalancerAddresses(object: KubeObject): string[] {
  return arrayField(object, "status", "loadBalancer", "ingress")
    .map((entry) => stringField(entry, "ip")?.trim() || stringField(entry, "hostname")?.trim())
    .filter((address): address is string => !!address);
}
