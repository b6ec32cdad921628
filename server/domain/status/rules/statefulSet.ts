import { numberField, stringField, type KubeObject } from "../kubeObject";
import { countOf, inProgress, plural, success, summaryOf, type ObjectStatus } from "../objectStatus";

export const updateOnlyWhenDeletedMessage = "pods update only when deleted";

/** Follows `kubectl rollout status` for StatefulSets, including OnDelete and partitioned updates. */
export function computeStatefulSetStatus(statefulSet: KubeObject): ObjectStatus {
  const desired = numberField(statefulSet, "spec", "replicas") ?? 1;
  const total = numberField(statefulSet, "status", "replicas") ?? 0;
  const ready = numberField(statefulSet, "status", "readyReplicas") ?? 0;
  const updated = numberField(statefulSet, "status", "updatedReplicas") ?? 0;
  const currentRevision = stringField(statefulSet, "status", "currentRevision");
  const updateRevision = stringField(statefulSet, "status", "updateRevision");
  const summary = summaryOf(`ready ${countOf(ready, desired)}`, `updated ${countOf(updated, desired)}`);

  // A StatefulSet without observedGeneration never gets here: the pre-checks wait for its controller.
  if (total > desired) return inProgress(`Scaling down: ${plural(total, "replica")}, ${desired} desired`, summary);
  if (ready < desired) return inProgress(`${ready} of ${desired} ready`, summary);

  const revisionsDiffer = updateRevision !== undefined && currentRevision !== updateRevision;
  if (stringField(statefulSet, "spec", "updateStrategy", "type") === "OnDelete") {
    return success(revisionsDiffer ? updateOnlyWhenDeletedMessage : `${ready} of ${desired} ready`, summary);
  }
  const partition = numberField(statefulSet, "spec", "updateStrategy", "rollingUpdate", "partition") ?? 0;
  if (partition > 0) {
    // Pods below the partition keep the old revision on purpose, so revisions never converge.
    const expected = Math.max(desired - partition, 0);
    if (updated < expected) {
      return inProgress(`${updated} of ${expected} updated (partition ${partition})`, summary);
    }
    return success(`${updated} of ${expected} updated (partition ${partition})`, summary);
  }
  if (revisionsDiffer) return inProgress(`Rolling update: ${updated} of ${desired} updated`, summary);
  return success(desired === 0 ? "Scaled to 0" : `${ready} of ${desired} ready`, summary);
}
