import { numberField, stringField, type KubeObject } from "./kubeObject";
import { inProgress, type ObjectStatus } from "./objectStatus";

export const notFoundStatus: ObjectStatus = inProgress("Not found");

/** The checks every kind goes through before its own rule; undefined when the rule may decide. */
export function runPreChecks(object: KubeObject | undefined | null): ObjectStatus | undefined {
  if (!object) return notFoundStatus;
  if (stringField(object, "metadata", "deletionTimestamp")) return inProgress("Terminating");
  const generation = numberField(object, "metadata", "generation");
  const observed = numberField(object, "status", "observedGeneration");
  // The status of an older generation says nothing about the spec we just applied.
  if (generation !== undefined && observed !== undefined && observed < generation) {
    return waitingForGeneration(generation);
  }
  return undefined;
}

export function waitingForGeneration(generation: number | undefined): ObjectStatus {
  return inProgress(
    generation === undefined ? "Waiting for the controller to observe the object" : `Waiting for the controller to observe generation ${generation}`,
  );
}
