import { conditionsOf, describeCondition, findCondition, isRecord, stringField, type KubeObject } from "../kubeObject";
import { error, inProgress, success, type ObjectStatus } from "../objectStatus";

export const noStatusReportedMessage = "No status reported";
export const noReadyConditionMessage = "No Ready condition reported";
export const noConditionsMessage = "Status has no conditions";

/**
 * The kstatus conventions, for every kind without a rule of its own (custom resources included).
 * Success without any evidence is labelled as such so the user sees nothing was verified.
 *
 * Order (decision): Stalled, Reconciling and Ready first, as kstatus; then Argo CD's
 * `status.health` vocabulary, for objects that report health that way (an Argo CD Application);
 * then what the status holds. The conventional conditions come first because a controller that
 * sets them means them as its verdict; `status.health` is read only when they say nothing.
 */
export function computeGenericStatus(object: KubeObject): ObjectStatus {
  const conditions = conditionsOf(object);

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

  const health = argoHealthStatus(object);
  if (health) return health;

  const status = object.status;
  // "No status at all": absent, or the empty object a create returns for a kind with a status subresource.
  if (!isRecord(status) || Object.keys(status).length === 0) return success(noStatusReportedMessage);
  // Conditions exist but none of the conventional ones: like kstatus, do not block on them.
  if (conditions.length > 0) return success(noReadyConditionMessage);
  // A status without conditions: say what it holds, so "nothing reported" is never claimed.
  const phase = stringField(object, "status", "phase");
  return success(phase ? `Phase ${phase}` : noConditionsMessage);
}

/**
 * Argo CD's health vocabulary (`status.health.status`, with `status.health.message`).
 * Healthy and Suspended are states the object is meant to rest in; Degraded is a failure Argo CD
 * itself reports; Progressing, Missing and Unknown may still change. Any other word is not Argo
 * CD's and falls through to the rest of the rule.
 */
function argoHealthStatus(object: KubeObject): ObjectStatus | undefined {
  const health = stringField(object, "status", "health", "status");
  if (health === undefined) return undefined;
  const detail = stringField(object, "status", "health", "message") ?? "";
  const message = detail ? `${health}: ${detail}` : health;
  switch (health) {
    case "Healthy":
    case "Suspended":
      return success(message);
    case "Degraded":
      return error(message, "", { reason: "Degraded", detail });
    case "Progressing":
    case "Missing":
    case "Unknown":
      return inProgress(message, "", { reason: health, detail });
    default:
      return undefined;
  }
}
