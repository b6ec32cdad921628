// What the tracker knows about the cluster objects it may show: every object received from its
// watches, indexed by uid, by controller owner uid, and (EndpointSlices) by Service name.
// O(1) per event; objects are the streams' own instances, not copies.
import { ownerUidOf, serviceNameLabel } from "../domain/status/index.ts";
import type { KubeObject as DomainObject } from "../domain/status/index.ts";
import type { KubeObject } from "../kube/watch-stream.ts";

export class ObjectIndex {
  private readonly byUid = new Map<string, KubeObject>();
  private readonly childrenByOwner = new Map<string, Set<string>>();
  private readonly slicesByService = new Map<string, Set<string>>();
  private readonly storageClasses = new Map<string, KubeObject>();

  get size(): number {
    return this.byUid.size;
  }

  clear(): void {
    this.byUid.clear();
    this.childrenByOwner.clear();
    this.slicesByService.clear();
    this.storageClasses.clear();
  }

  /** StorageClasses by name (cluster-scoped; a PVC's binding mode depends on its class). */
  storageClass(name: string): KubeObject | undefined {
    return this.storageClasses.get(name);
  }

  get(uid: string): KubeObject | undefined {
    return this.byUid.get(uid);
  }

  childCount(uid: string): number {
    return this.childrenByOwner.get(uid)?.size ?? 0;
  }

  childrenOf(uid: string): string[] {
    return [...(this.childrenByOwner.get(uid) ?? [])];
  }

  slicesOf(namespace: string | undefined, serviceName: string): KubeObject[] {
    return [...(this.slicesByService.get(`${namespace ?? ""}/${serviceName}`) ?? [])]
      .map((uid) => this.byUid.get(uid))
      .filter((o): o is KubeObject => Boolean(o));
  }

  /** Records an object (or its deletion); returns the owner uid it is filed under, if any. */
  apply(type: "ADDED" | "MODIFIED" | "DELETED", object: KubeObject): void {
    const uid = object.metadata.uid;
    const previous = this.byUid.get(uid);
    if (previous) this.unfile(previous);
    if (object.kind === "StorageClass") {
      if (type === "DELETED") this.storageClasses.delete(object.metadata.name);
      else this.storageClasses.set(object.metadata.name, object);
    }
    if (type === "DELETED") {
      this.byUid.delete(uid);
      return;
    }
    this.byUid.set(uid, object);
    this.file(object);
  }

  private file(object: KubeObject) {
    const owner = ownerUidOf(object as DomainObject);
    if (owner) add(this.childrenByOwner, owner, object.metadata.uid);
    const service = serviceOf(object);
    if (service) add(this.slicesByService, service, object.metadata.uid);
  }

  private unfile(object: KubeObject) {
    const owner = ownerUidOf(object as DomainObject);
    if (owner) remove(this.childrenByOwner, owner, object.metadata.uid);
    const service = serviceOf(object);
    if (service) remove(this.slicesByService, service, object.metadata.uid);
  }
}

function serviceOf(object: KubeObject): string | undefined {
  if (object.kind !== "EndpointSlice") return undefined;
  const labels = object.metadata.labels as Record<string, string> | undefined;
  const name = labels?.[serviceNameLabel];
  return name ? `${object.metadata.namespace ?? ""}/${name}` : undefined;
}

const add = (map: Map<string, Set<string>>, key: string, value: string) => {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
};
const remove = (map: Map<string, Set<string>>, key: string, value: string) => {
  const set = map.get(key);
  set?.delete(value);
  if (set?.size === 0) map.delete(key);
};
