import { computeObjectStatus } from "../computeObjectStatus";
import type { KubeObject } from "../kubeObject";
import type { ObjectStatus } from "../objectStatus";
import type { StatusContext } from "../statusContext";

export function statusOf(object: KubeObject | undefined, context: Partial<StatusContext> = {}): ObjectStatus {
  return computeObjectStatus(object, { waitForJobs: true, ...context });
}

/** Status and message only: what most assertions are about. */
export function verdictOf(object: KubeObject | undefined, context: Partial<StatusContext> = {}): [string, string] {
  const { status, message } = statusOf(object, context);
  return [status, message];
}
