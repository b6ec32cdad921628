import { describeCondition, findCondition, field, numberField, type KubeObject } from "../kubeObject";
import { countOf, error, inProgress, plural, success, summaryOf, type ObjectStatus } from "../objectStatus";

/**
 * Follows `kubectl rollout status`: decided from the Deployment's own counters, never by
 * counting pods (an autoscaler changing replicas mid-rollout would race with that).
 */
export function computeDeploymentStatus(deployment: KubeObject): ObjectStatus {
  const desired = numberField(deployment, "spec", "replicas") ?? 1;
  const total = numberField(deployment, "status", "replicas") ?? 0;
  const updated = numberField(deployment, "status", "updatedReplicas") ?? 0;
  const ready = numberField(deployment, "status", "readyReplicas") ?? 0;
  const available = numberField(deployment, "status", "availableReplicas") ?? 0;
  const summary = summaryOf(`ready ${countOf(ready, desired)}`, `updated ${countOf(updated, desired)}`, `available ${countOf(available, desired)}`);

  // A paused rollout is what the user asked for; waiting on it would only ever time out.
  if (field(deployment, "spec", "paused") === true) return success("Paused", summary);

  const progressing = findCondition(deployment, "Progressing");
  if (progressing?.reason === "ProgressDeadlineExceeded") {
    // The reason leads the message so it is searchable in the row and in the failure summary
    // (which quotes the row's message); describeCondition gives "ProgressDeadlineExceeded: <message>".
    return error(describeCondition(progressing), summary, {
      reason: "ProgressDeadlineExceeded",
      detail: progressing.message ?? "",
    });
  }
  if (updated < desired) return inProgress(`${updated} of ${desired} updated`, summary);
  if (total > updated) {
    return inProgress(`${plural(total - updated, "old replica")} pending termination`, summary);
  }
  if (available < updated) return inProgress(`${available} of ${updated} updated replicas available`, summary);
  return success(desired === 0 ? "Scaled to 0" : `${plural(desired, "replica")} updated and available`, summary);
}
