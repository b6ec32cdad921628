import { conditionsOf, describeCondition, findCondition, numberField, stringField, type KubeCondition, type KubeObject } from "../kubeObject";
import { error, inProgress, success, summaryOf, type ObjectStatus } from "../objectStatus";

export function computeNamespaceStatus(namespace: KubeObject): ObjectStatus {
  const phase = stringField(namespace, "status", "phase");
  if (phase === "Active") return success("Active");
  return inProgress(phase ? `Phase ${phase}` : "Phase not reported yet");
}

export function computeCustomResourceDefinitionStatus(definition: KubeObject): ObjectStatus {
  if (findCondition(definition, "Established")?.status === "True") return success("Established");
  // A name clash with another CRD never resolves on its own.
  const names = findCondition(definition, "NamesAccepted");
  if (names?.status === "False") {
    return error(describeCondition(names), "", { reason: names.reason ?? "NamesNotAccepted", detail: names.message ?? "" });
  }
  return inProgress("Waiting for the API server to establish it");
}

/** An autoscaler never blocks a step; it only explains why it is not scaling. */
export function computeHorizontalPodAutoscalerStatus(autoscaler: KubeObject): ObjectStatus {
  const current = numberField(autoscaler, "status", "currentReplicas") ?? 0;
  const desired = numberField(autoscaler, "status", "desiredReplicas") ?? 0;
  const min = numberField(autoscaler, "spec", "minReplicas") ?? 1;
  const max = numberField(autoscaler, "spec", "maxReplicas");
  // desiredReplicas is 0 while the autoscaler cannot compute it; showing "2/0" would mislead.
  const summary = summaryOf(`replicas ${current}`, desired > 0 && `desired ${desired}`, `range ${min}-${max ?? "?"}`);
  const conditions = autoscalerConditions(autoscaler);
  const problems = ["ScalingActive", "AbleToScale"]
    .map((type) => conditions.find((condition) => condition.type === type))
    .filter((condition) => condition?.status === "False")
    .map((condition) => `${condition?.type} is False: ${condition ? describeCondition(condition) : ""}`);
  return success(problems.length > 0 ? problems.join("; ") : "Exists", summary);
}

export const hpaV1ConditionsAnnotation = "autoscaling.alpha.kubernetes.io/conditions";

/**
 * autoscaling/v2 carries the conditions in `status.conditions`; an object read as autoscaling/v1
 * has no such field, and the API server puts them, as a JSON array, in an annotation instead.
 * A malformed annotation reads as no conditions.
 */
function autoscalerConditions(autoscaler: KubeObject): readonly KubeCondition[] {
  const own = conditionsOf(autoscaler);
  if (own.length > 0) return own;
  const annotation = autoscaler.metadata?.annotations?.[hpaV1ConditionsAnnotation];
  if (typeof annotation !== "string") return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(annotation);
  } catch {
    return [];
  }
  return conditionsOf({ status: { conditions: parsed } });
}

/**
 * An aggregated API is usable once the API server can reach its backend (Available=True). Until
 * then it is InProgress with the reason (MissingEndpoints, FailedDiscoveryCheck, ...): the backend
 * may still be starting. Decision: no Available condition yet (as created) is InProgress too.
 */
export function computeApiServiceStatus(apiService: KubeObject): ObjectStatus {
  const service = stringField(apiService, "spec", "service", "name");
  const serviceNamespace = stringField(apiService, "spec", "service", "namespace");
  const summary = service ? `service ${serviceNamespace ? `${serviceNamespace}/` : ""}${service}` : "local";
  const available = findCondition(apiService, "Available");
  if (available?.status === "True") return success("Available", summary);
  if (!available) return inProgress("Waiting for the Available condition", summary);
  return inProgress(describeCondition(available), summary, { reason: available.reason ?? "NotAvailable", detail: available.message ?? "" });
}
