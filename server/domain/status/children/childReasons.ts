import { stableKubeletMessage } from "../kubeletMessages";
import { plural, type ObjectStatus } from "../objectStatus";
import type { DescendantStatus } from "../statusContext";

interface ReasonGroup {
  readonly kind: string;
  readonly reason: string;
  readonly detail: string;
  readonly isError: boolean;
  count: number;
}

/** What one descendant adds to its ancestors' reason groups; undefined when it has no problem. */
export interface DescendantReason {
  /** Groups siblings: kind and reason. */
  readonly group: string;
  readonly kind: string;
  readonly reason: string;
  readonly detail: string;
  readonly isError: boolean;
}

/** A group of descendants sharing a kind and a reason: detail and isError are its first member's. */
export type ReasonGroupSummary = Readonly<ReasonGroup>;

const nounByKind: Readonly<Record<string, string>> = { Pod: "pod", Job: "job" };

export function descendantReasonOf(descendant: DescendantStatus): DescendantReason | undefined {
  if (!descendant.cause || descendant.status === "Success") return undefined;
  return {
    group: `${descendant.kind}\u0000${descendant.cause.reason}`,
    kind: descendant.kind,
    reason: descendant.cause.reason,
    // Causes are stable already; a kubelet back-off text that reached one anyway is reduced too.
    detail: stableKubeletMessage(descendant.cause.detail),
    isError: descendant.status === "Error",
  };
}

/**
 * Groups descendants that have a problem by kind and reason, worst first:
 * "2 pods CrashLoopBackOff: back-off restarting failed container app; 1 pod Unschedulable: ...".
 * Only an object's own cause is counted, so a ReplicaSet never repeats its pods' reasons.
 */
export function describeDescendantProblems(descendants: readonly DescendantStatus[], maxGroups = 2): string | undefined {
  const groups = new Map<string, ReasonGroup>();
  for (const descendant of descendants) {
    const reason = descendantReasonOf(descendant);
    if (!reason) continue;
    const group = groups.get(reason.group);
    if (group) {
      group.count += 1;
      continue;
    }
    groups.set(reason.group, { kind: reason.kind, reason: reason.reason, detail: reason.detail, isError: reason.isError, count: 1 });
  }
  return describeReasonGroups([...groups.values()], maxGroups);
}

/**
 * The words for reason groups given in the order of their first member (the tracker keeps these
 * counts up to date itself instead of passing every descendant).
 */
export function describeReasonGroups(groups: readonly ReasonGroupSummary[], maxGroups = 2): string | undefined {
  if (groups.length === 0) return undefined;
  const ordered = [...groups].sort((a, b) => Number(b.isError) - Number(a.isError) || b.count - a.count || a.reason.localeCompare(b.reason));
  const shown = ordered.slice(0, maxGroups).map(describeGroup);
  const hidden = ordered.length - shown.length;
  return hidden > 0 ? `${shown.join("; ")}; and ${plural(hidden, "other reason")}` : shown.join("; ");
}

function describeGroup(group: ReasonGroup): string {
  const noun = nounByKind[group.kind] ?? group.kind;
  const head = `${plural(group.count, noun)} ${group.reason}`;
  return group.detail ? `${head}: ${group.detail}` : head;
}

/**
 * Lets children's reasons flow up into the parent's message. A Success parent keeps its own
 * message (a healthy rollout is not news). An InProgress parent says what its children are stuck
 * on instead of its counters, which stay visible in the summary. An Error parent keeps its own
 * reason first and adds the children's.
 */
export function withDescendantProblems(own: ObjectStatus, descendants: readonly DescendantStatus[] | undefined): ObjectStatus {
  if (own.status === "Success" || !descendants || descendants.length === 0) return own;
  return withProblems(own, describeDescendantProblems(descendants));
}

/** The same with the descendants' problems described by the caller, asked for only when needed. */
export function withDescendantProblemsOf(own: ObjectStatus, problemsOf: () => string | undefined): ObjectStatus {
  if (own.status === "Success") return own;
  return withProblems(own, problemsOf());
}

function withProblems(own: ObjectStatus, problems: string | undefined): ObjectStatus {
  if (!problems) return own;
  const message = own.status === "Error" ? `${own.message}; ${problems}` : problems;
  return { ...own, message };
}
