import { arrayField, stringField, type KubeObject } from "../kubeObject";
import { error, inProgress, success, summaryOf, type ObjectStatus } from "../objectStatus";
import type { StatusContext } from "../statusContext";

export const waitingForFirstConsumerMessage = "Waiting for first consumer";

export function computePersistentVolumeClaimStatus(claim: KubeObject, context: StatusContext): ObjectStatus {
  const phase = stringField(claim, "status", "phase");
  const storageClass = stringField(claim, "spec", "storageClassName");
  const size = stringField(claim, "status", "capacity", "storage") ?? stringField(claim, "spec", "resources", "requests", "storage");
  const accessModes = arrayField(claim, "spec", "accessModes").join(",");
  const summary = summaryOf(storageClass && `class ${storageClass}`, size && `size ${size}`, accessModes && `access ${accessModes}`);
  if (phase === "Bound") return success(`Bound to ${stringField(claim, "spec", "volumeName") ?? "a volume"}`, summary);
  if (phase === "Lost") {
    return error("Lost: the bound volume no longer exists", summary, { reason: "Lost", detail: "the bound volume no longer exists" });
  }
  // With WaitForFirstConsumer the claim binds only once a pod uses it; waiting would deadlock
  // a step that applies the claim before (or without) the pod.
  if (phase === "Pending" && storageClass && context.storageClassBindingMode?.(storageClass) === "WaitForFirstConsumer") {
    return success(waitingForFirstConsumerMessage, summary);
  }
  return inProgress(phase ? `${phase}: waiting for a volume to be bound` : "Phase not reported yet", summary);
}
