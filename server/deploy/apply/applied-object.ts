// What apply hands to the tracker: identity (uid) and the resource to watch, plus the manifest
// sent and the object returned, both safe to store and show (no Secret values, no managedFields).
import type { KubeObject } from "../render/form-objects.ts";

export type ResourceInfo = { group: string; version: string; plural: string; namespaced: boolean };

export type AppliedObject = {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  uid: string;
  generation?: number;
  resource: ResourceInfo;
  /** What was sent, Secret data/stringData values replaced by "<redacted>". */
  manifest: KubeObject;
  /** What the API server returned, managedFields stripped, Secret values redacted. */
  live: KubeObject;
};

export type ApplyOptions = {
  /** Namespace for namespaced objects that name none: the step's namespace, else the target's default. */
  defaultNamespace: string;
  /** Server-side apply field manager; default "kdeploy". */
  fieldManager?: string;
  onLog?: (line: string) => void;
  /** Objects applied at once within a phase; default APPLY_CONCURRENCY (1 = one at a time, as before issue 12). */
  concurrency?: number;
};
