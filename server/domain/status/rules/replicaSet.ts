import { describeCondition, findCondition, numberField, type KubeObject } from "../kubeObject";
import { availableOf, countOf, error, inProgress, success, summaryOf, type ObjectStatus } from "../objectStatus";

/** A ReplicaSet is shown as a Deployment's child; its status never decides the step on its own. */
export function computeReplicaSetStatus(replicaSet: KubeObject): ObjectStatus {
  const desired = numberField(replicaSet, "spec", "replicas") ?? 1;
  const ready = numberField(replicaSet, "status", "readyReplicas") ?? 0;
  const available = numberField(replicaSet, "status", "availableReplicas") ?? 0;
  const summary = summaryOf(`ready ${countOf(ready, desired)}`, `available ${countOf(available, desired)}`);

  // ReplicaFailure=True means pods cannot even be created (quota, admission): no waiting fixes it.
  const failure = findCondition(replicaSet, "ReplicaFailure");
  if (failure?.status === "True") {
    return error(describeCondition(failure), summary, {
      reason: failure.reason ?? "ReplicaFailure",
      detail: failure.message ?? "",
    });
  }
  if (available < desired) return inProgress(availableOf(available, desired), summary);
  return success(desired === 0 ? "Scaled down" : availableOf(available, desired), summary);
}
