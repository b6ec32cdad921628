import { arrayField, findCondition, stringField, type KubeObject } from "../kubeObject";
import { error, inProgress, success, summaryOf, type ObjectStatus, type StatusCause } from "../objectStatus";
import { containerStatesOf, describeTermination, isStuckWaitingReason, type ContainerState } from "./podContainers";
import { failedPodStatus } from "./podFailure";
import { crashBackOffDetail, stableKubeletMessage } from "../kubeletMessages";

export function computePodStatus(pod: KubeObject): ObjectStatus {
  const phase = stringField(pod, "status", "phase");
  const { init, main } = containerStatesOf(pod);
  const all = [...init, ...main];
  const restarts = all.reduce((sum, container) => sum + container.restartCount, 0);
  const readyCount = main.filter((container) => container.ready).length;
  // A pod the kubelet has not started yet has no container statuses: count the spec's containers,
  // so a Pending pod reads "ready 0/2", not "ready 0/0".
  const containerCount = Math.max(main.length, arrayField(pod, "spec", "containers").length);
  const summary = summaryOf(`ready ${readyCount}/${containerCount}`, `restarts ${restarts}`);

  if (phase === "Succeeded") return success("Completed", summary);
  if (phase === "Failed") return failedPodStatus(pod, all, summary);

  // With restartPolicy Always the kubelet retries forever, so these reasons never clear alone.
  // With OnFailure (Job pods) the Job's backoff limit decides, so the pod stays InProgress; the
  // message has the same stable shape either way (decision: the restart count, which changes at
  // every back-off step, stays in the summary rather than the message).
  const restartPolicy = stringField(pod, "spec", "restartPolicy") ?? "Always";
  const stuck = all.find((container) => container.waiting && isStuckWaitingReason(container.waiting.reason));
  if (stuck?.waiting && (restartPolicy === "Always" || stuck.waiting.reason === "CrashLoopBackOff")) {
    const cause = stuckCause(stuck, stuck.waiting);
    const lastExit = stuck.lastTerminated ? ` (last exit: ${describeTermination(stuck.lastTerminated)})` : "";
    const message = `${cause.reason}: ${cause.detail}${lastExit}`;
    return restartPolicy === "Always" ? error(message, summary, cause) : inProgress(message, summary, cause);
  }

  const ready = findCondition(pod, "Ready");
  if (phase === "Running" && ready?.status === "True") return success("Running and ready", summary);

  const scheduled = findCondition(pod, "PodScheduled");
  if (phase === "Pending" && scheduled?.status === "False" && scheduled.reason === "Unschedulable") {
    const detail = scheduled.message ?? "";
    // The scheduler's reason word leads its sentence, on the row and in the failure summary.
    return inProgress(detail ? `Unschedulable: ${detail}` : "Unschedulable", summary, { reason: "Unschedulable", detail });
  }
  return waitingPodStatus(phase, all, ready?.message, summary);
}

function stuckCause(container: ContainerState, waiting: { reason: string; message?: string }): StatusCause {
  // The kubelet's back-off message carries a delay and the pod's name, which differ between
  // sibling pods; a stable detail lets the parent group them ("2 pods CrashLoopBackOff: ...").
  if (waiting.reason === "CrashLoopBackOff") return { reason: waiting.reason, detail: crashBackOffDetail(container.name) };
  return { reason: waiting.reason, detail: waiting.message ? stableKubeletMessage(waiting.message) : `container ${container.name}` };
}

function waitingPodStatus(phase: string | undefined, containers: readonly ContainerState[], readyMessage: string | undefined, summary: string): ObjectStatus {
  const waiting = containers.find((container) => container.waiting);
  if (waiting?.waiting) {
    const restarts = waiting.restartCount > 0 ? ` (restarts ${waiting.restartCount})` : "";
    const detail = stableKubeletMessage(waiting.waiting.message ?? "");
    const message = `Container ${waiting.name} waiting: ${waiting.waiting.reason}${detail ? `: ${detail}` : ""}${restarts}`;
    return inProgress(message, summary, { reason: waiting.waiting.reason, detail });
  }
  if (phase === "Running") {
    // The kubelet words this in the Ready condition; without it, name the containers ourselves.
    const notReady = containers.filter((container) => !container.ready).map((container) => container.name);
    const detail = readyMessage ?? (notReady.length > 0 ? `containers not ready: ${notReady.join(", ")}` : "");
    const restarted = containers.find((container) => !container.ready && container.restartCount > 0);
    const restarts = restarted ? ` (container ${restarted.name} restarts ${restarted.restartCount})` : "";
    return inProgress(`Running, not ready${restarts}`, summary, { reason: "NotReady", detail });
  }
  return inProgress(phase || "Phase not reported yet", summary);
}
