import { describeCondition, findCondition, numberField, stringField, type KubeObject } from "../kubeObject";
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
  const problems = ["ScalingActive", "AbleToScale"]
    .map((type) => findCondition(autoscaler, type))
    .filter((condition) => condition?.status === "False")
    .map((condition) => `${condition?.type} is False: ${condition ? describeCondition(condition) : ""}`);
  return success(problems.length > 0 ? problems.join("; ") : "Exists", summary);
}
