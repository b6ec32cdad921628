import { numberField, stringField, type KubeObject } from "../kubeObject";
import { availableOf, countOf, inProgress, success, summaryOf, type ObjectStatus } from "../objectStatus";
import { updateOnlyWhenDeletedMessage } from "./statefulSet";

export function computeDaemonSetStatus(daemonSet: KubeObject): ObjectStatus {
  const desired = numberField(daemonSet, "status", "desiredNumberScheduled") ?? 0;
  const updated = numberField(daemonSet, "status", "updatedNumberScheduled") ?? 0;
  const ready = numberField(daemonSet, "status", "numberReady") ?? 0;
  const available = numberField(daemonSet, "status", "numberAvailable") ?? 0;
  const summary = summaryOf(
    `desired ${desired}`,
    `updated ${countOf(updated, desired)}`,
    `ready ${countOf(ready, desired)}`,
    `available ${countOf(available, desired)}`,
  );

  // With OnDelete, nodes keep old pods until someone deletes them: nothing to wait for.
  if (stringField(daemonSet, "spec", "updateStrategy", "type") === "OnDelete") {
    return success(updateOnlyWhenDeletedMessage, summary);
  }
  if (updated < desired) return inProgress(`${updated} of ${desired} updated`, summary);
  if (available < desired) return inProgress(availableOf(available, desired), summary);
  return success(desired === 0 ? "No nodes to run on" : availableOf(available, desired), summary);
}
