import { conditionsOf, describeCondition, findCondition, type KubeObject } from "../kubeObject";
import { error, inProgress, success, type ObjectStatus } from "../objectStatus";

export const noStatusReportedMessage = "No status reported";
export const noReadyConditionMessage = "No Ready condition reported";

/**
 * The kstatus conventions, for every kind without a rule of its own (custom resources included).
 * Success without any evidence is labelled as such so the user sees nothing was verified.
 */
export function computeGenericStatus(object: KubeObject): ObjectStatus {
  const conditions = conditionsOf(object);
  if (conditions.length === 0) return success(noStatusReportedMessage);

  const stalled = findCondition(object, "Stalled");
  if (stalled?.status === "True") {
    return error(describeCondition(stalled), "", { reason: stalled.reason ?? "Stalled", detail: stalled.message ?? "" });
  }
  const reconciling = findCondition(object, "Reconciling");
  if (reconciling?.status === "True") return inProgress(describeCondition(reconciling));

  const ready = findCondition(object, "Ready");
  if (ready?.status === "True") return success(ready.message || "Ready");
  if (ready) {
    return inProgress(describeCondition(ready), "", { reason: ready.reason ?? "NotReady", detail: ready.message ?? "" });
  }
  // Conditions exist but none of the conventional ones: like kstatus, do not block on them.
  return success(noReadyConditionMessage);
}
