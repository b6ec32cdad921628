// The result of a kind rule. `cause` is the short, quotable reason a parent repeats when
// children's reasons flow up ("2 pods CrashLoopBackOff: back-off restarting failed container app").

export type ComputedStatus = "InProgress" | "Success" | "Error";

export interface StatusCause {
  /** A single word or CamelCase reason, used to group siblings (CrashLoopBackOff, Unschedulable, OOMKilled). */
  readonly reason: string;
  /** The plain-words detail shared by siblings with the same reason (no pod names, no timings). */
  readonly detail: string;
}

export interface ObjectStatus {
  readonly status: ComputedStatus;
  /** One line: why the object has this status. */
  readonly message: string;
  /** Kind-specific numbers ("ready 2/3, restarts 4"); empty when the kind has none. */
  readonly summary: string;
  readonly cause?: StatusCause;
}

export function success(message: string, summary = "", cause?: StatusCause): ObjectStatus {
  return cause ? { status: "Success", message, summary, cause } : { status: "Success", message, summary };
}

export function inProgress(message: string, summary = "", cause?: StatusCause): ObjectStatus {
  return cause ? { status: "InProgress", message, summary, cause } : { status: "InProgress", message, summary };
}

export function error(message: string, summary = "", cause?: StatusCause): ObjectStatus {
  return cause ? { status: "Error", message, summary, cause } : { status: "Error", message, summary };
}

/** Joins the non-empty parts of a summary: summaryOf("ready 2/3", undefined, "restarts 4"). */
export function summaryOf(...parts: readonly (string | undefined | false)[]): string {
  return parts.filter((part): part is string => typeof part === "string" && part !== "").join(", ");
}

/** "1 old replica", "2 old replicas": counts in messages read as English. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/**
 * A count against its target for a summary: "2/3"; above the target (surge pods during a rolling
 * update, pods of a scale-down not gone yet) "2 (1 desired)", never the arithmetic "2/1".
 */
export function countOf(count: number, desired: number): string {
  return count > desired ? `${count} (${desired} desired)` : `${count}/${desired}`;
}

/** "1 of 2 available"; above the target "2 available, scaling down to 1" (never "2 of 1"). */
export function availableOf(available: number, desired: number): string {
  return available > desired ? `${available} available, scaling down to ${desired}` : `${available} of ${desired} available`;
}
