import { stringField, type KubeObject } from "../kubeObject";
import { error, type ObjectStatus } from "../objectStatus";
import { describeTermination, type ContainerState } from "./podContainers";

/** Why a pod in phase Failed failed: the pod's own reason (Evicted, ...), else its failed container. */
export function failedPodStatus(pod: KubeObject, containers: readonly ContainerState[], summary: string): ObjectStatus {
  const reason = stringField(pod, "status", "reason");
  const message = stringField(pod, "status", "message") ?? "";
  if (reason) return error(message ? `${reason}: ${message}` : reason, summary, { reason, detail: message });

  // Prefer the container that failed over one that merely stopped with it.
  const terminated = containers.filter((container) => container.terminated);
  const culprit = terminated.find((container) => container.terminated?.exitCode !== 0) ?? terminated[0];
  if (!culprit?.terminated) return error("Failed", summary, { reason: "Failed", detail: "" });
  const ending = describeTermination(culprit.terminated);
  const causeReason = culprit.terminated.reason ?? "Failed";
  return error(`Container ${culprit.name} terminated: ${ending}`, summary, {
    reason: causeReason,
    detail: `container ${culprit.name} ${ending}`,
  });
}
