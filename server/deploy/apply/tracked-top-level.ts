// What the tracker is started with for each applied object (its row key is the object's uid).
// One rule for the step runner and the benchmarks that track applied objects as it does.
import type { TrackedTopLevel } from "../../tracking/watch-plan.ts";
import type { AppliedObject } from "./applied-object.ts";

export const trackedTopLevel = (applied: readonly AppliedObject[]): TrackedTopLevel[] =>
  applied.map((object) => ({
    key: object.uid,
    uid: object.uid,
    apiVersion: object.apiVersion,
    kind: object.kind,
    namespace: object.namespace,
    name: object.name,
    resource: { ...object.resource, kind: object.kind },
    live: object.live as Record<string, unknown>,
  }));
