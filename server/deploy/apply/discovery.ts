// Which resource serves a kind, and whether it is namespaced. One cache per cluster (keyed by
// API server URL), filled per group/version on first use and refreshed when a kind is missing
// from it (a CRD installed since), so a steady deploy costs no discovery requests at all.
import { ApplyError } from "./apply-error.ts";
import type { ResourceInfo } from "./applied-object.ts";
import { statusMessage, type KubeHttp } from "../../kube/http.ts";

type GroupVersionResources = { fetchedAt: number; byKind: Map<string, ResourceInfo> } | { fetchedAt: number; missing: true };

const caches = new Map<string, Map<string, GroupVersionResources>>();

export type Discovery = {
  /** undefined = the cluster does not serve this kind in this apiVersion. */
  find(apiVersion: string, kind: string, options?: { refresh?: boolean }): Promise<ResourceInfo | undefined>;
};

export function createDiscovery(http: KubeHttp, clusterKey: string): Discovery {
  let cache = caches.get(clusterKey);
  if (!cache) caches.set(clusterKey, (cache = new Map()));
  const groupVersions = cache;

  // Objects are applied concurrently: one discovery request per group/version, not one per object.
  const inFlight = new Map<string, Promise<GroupVersionResources>>();
  function fetchGroupVersion(apiVersion: string): Promise<GroupVersionResources> {
    let pending = inFlight.get(apiVersion);
    if (!pending) {
      inFlight.set(apiVersion, (pending = fetchGroupVersionNow(apiVersion).finally(() => inFlight.delete(apiVersion))));
    }
    return pending;
  }

  async function fetchGroupVersionNow(apiVersion: string): Promise<GroupVersionResources> {
    const path = apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    const response = await http({ method: "GET", path });
    let entry: GroupVersionResources;
    if (response.status === 404) {
      entry = { fetchedAt: Date.now(), missing: true };
    } else if (response.status === 200) {
      entry = { fetchedAt: Date.now(), byKind: resourcesByKind(apiVersion, response.body) };
    } else {
      throw new ApplyError(`Discovery of ${apiVersion} failed (HTTP ${response.status}): ${statusMessage(response.body)}`, { httpStatus: response.status });
    }
    groupVersions.set(apiVersion, entry);
    return entry;
  }

  return {
    async find(apiVersion, kind, options = {}) {
      let entry = groupVersions.get(apiVersion);
      const known = entry && "byKind" in entry ? entry.byKind.get(kind) : undefined;
      if (known && !options.refresh) return known;
      // Refresh on a miss: the kind may have been added (CRD) since the cache was filled.
      entry = await fetchGroupVersion(apiVersion);
      return "byKind" in entry ? entry.byKind.get(kind) : undefined;
    },
  };
}

function resourcesByKind(apiVersion: string, body: unknown): Map<string, ResourceInfo> {
  const [group, version] = apiVersion.includes("/") ? (apiVersion.split("/", 2) as [string, string]) : ["", apiVersion];
  const list = (body as { resources?: { name: string; kind: string; namespaced: boolean }[] }).resources ?? [];
  const byKind = new Map<string, ResourceInfo>();
  for (const resource of list) {
    if (resource.name.includes("/")) continue; // subresources (deployments/scale, pods/status)
    if (!byKind.has(resource.kind)) byKind.set(resource.kind, { group, version, plural: resource.name, namespaced: resource.namespaced });
  }
  return byKind;
}

/** URL path of one object of a resource. */
export function objectPath(resource: ResourceInfo, name: string, namespace: string | undefined): string {
  const root = resource.group ? `/apis/${resource.group}/${resource.version}` : `/api/${resource.version}`;
  const scope = resource.namespaced ? `/namespaces/${encodeURIComponent(namespace ?? "")}` : "";
  return `${root}${scope}/${resource.plural}/${encodeURIComponent(name)}`;
}
