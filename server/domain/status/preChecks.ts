import { groupOf, isRecord, numberField, stringField, type KubeObject } from "./kubeObject";
import { inProgress, type ObjectStatus } from "./objectStatus";
import type { StatusContext } from "./statusContext";

export const notFoundStatus: ObjectStatus = inProgress("Not found");
export const waitingForControllerMessage = "Waiting for the controller";

// Workloads whose counters are written by a controller. The API server returns them from create
// with no status or with zero-valued counters (a DaemonSet's desiredNumberScheduled is 0 until its
// controller has counted the nodes), so before the controller has written a status of its own
// nothing in it may be read: missing counters are never read as zero.
const workloadGroupKinds: ReadonlySet<string> = new Set(["apps/Deployment", "apps/ReplicaSet", "apps/StatefulSet", "apps/DaemonSet", "batch/Job"]);

/**
 * The checks every kind goes through before its own rule; undefined when the rule may decide.
 * `context` is optional so a caller can run the object-only checks on their own.
 */
export function runPreChecks(object: KubeObject | undefined | null, context?: Pick<StatusContext, "waitForJobs">): ObjectStatus | undefined {
  if (!object) return notFoundStatus;
  if (stringField(object, "metadata", "deletionTimestamp")) return inProgress("Terminating");
  const generation = numberField(object, "metadata", "generation");
  const observed = numberField(object, "status", "observedGeneration");
  // The status of an older generation says nothing about the spec we just applied.
  if (generation !== undefined && observed !== undefined && observed < generation) {
    return waitingForGeneration(generation);
  }
  if (isUnobservedWorkload(object, context?.waitForJobs ?? true)) return inProgress(waitingForControllerMessage);
  return undefined;
}

function isUnobservedWorkload(object: KubeObject, waitForJobs: boolean): boolean {
  const groupKind = `${groupOf(object.apiVersion)}/${object.kind ?? ""}`;
  if (!workloadGroupKinds.has(groupKind)) return false;
  if (groupKind !== "batch/Job") return numberField(object, "status", "observedGeneration") === undefined;
  // Decision: a Job's status has no observedGeneration at all. Its controller has looked at it
  // once it wrote a start time, a counter or a condition (a suspended Job gets Suspended=True).
  // With "wait for Jobs" off the Job rule reads nothing from the status ("Created; not waiting
  // for completion"), so there is nothing the controller must confirm first.
  if (!waitForJobs) return false;
  const status = object.status;
  if (!isRecord(status)) return true;
  const written = ["startTime", "completionTime", "active", "succeeded", "failed", "ready", "terminating"].some((key) => status[key] !== undefined);
  return !written && (!Array.isArray(status.conditions) || status.conditions.length === 0);
}

export function waitingForGeneration(generation: number | undefined): ObjectStatus {
  return inProgress(
    generation === undefined ? "Waiting for the controller to observe the object" : `Waiting for the controller to observe generation ${generation}`,
  );
}
