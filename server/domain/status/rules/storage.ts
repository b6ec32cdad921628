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

// Available: ready for a claim; Bound: in use; Released: its claim is gone and the volume waits
// for its reclaim policy or an administrator. All three are states a volume rests in.
const restingVolumePhases: ReadonlySet<string> = new Set(["Available", "Bound", "Released"]);

/**
 * Decision: a volume in a phase Kubernetes does not define (or none, which only a volume the
 * controller has not seen yet has) is InProgress, like Pending: nothing says it is usable.
 */
export function computePersistentVolumeStatus(volume: KubeObject): ObjectStatus {
  const phase = stringField(volume, "status", "phase");
  const storageClass = stringField(volume, "spec", "storageClassName");
  const size = stringField(volume, "spec", "capacity", "storage");
  const reclaim = stringField(volume, "spec", "persistentVolumeReclaimPolicy");
  const claim = stringField(volume, "spec", "claimRef", "name");
  const claimNamespace = stringField(volume, "spec", "claimRef", "namespace");
  const summary = summaryOf(
    storageClass && `class ${storageClass}`,
    size && `size ${size}`,
    reclaim && `reclaim ${reclaim}`,
    claim && `claim ${claimNamespace ? `${claimNamespace}/` : ""}${claim}`,
  );
  const detail = stringField(volume, "status", "message") ?? "";
  if (phase && restingVolumePhases.has(phase)) return success(detail ? `${phase}: ${detail}` : phase, summary);
  if (phase === "Failed") {
    // Failed: the reclaim (recycle or delete) did not work; an administrator must step in.
    return error(detail ? `Failed: ${detail}` : "Failed", summary, { reason: "Failed", detail });
  }
  return inProgress(phase ? `${phase}: ${detail || "waiting for the volume controller"}` : "Phase not reported yet", summary);
}
