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

const nounByKind: Readonly<Record<string, string>> = { Pod: "pod", Job: "job" };

/**
 * Groups descendants that have a problem by kind and reason, worst first:
 * "2 pods CrashLoopBackOff: back-off restarting failed container app; 1 pod Unschedulable: ...".
 * Only an object's own cause is counted, so a ReplicaSet never repeats its pods' reasons.
 */
export function describeDescendantProblems(descendants: readonly DescendantStatus[], maxGroups = 2): string | undefined {
  const groups = new Map<string, ReasonGroup>();
  for (const descendant of descendants) {
    if (!descendant.cause || descendant.status === "Success") continue;
    const key = `${descendant.kind}\u0000${descendant.cause.reason}`;
    const group = groups.get(key);
    if (group) {
      group.count += 1;
      continue;
    }
    groups.set(key, {
      kind: descendant.kind,
      reason: descendant.cause.reason,
      // Causes are stable already; a kubelet back-off text that reached one anyway is reduced too.
      detail: stableKubeletMessage(descendant.cause.detail),
      isError: descendant.status === "Error",
      count: 1,
    });
  }
  if (groups.size === 0) return undefined;
  const ordered = [...groups.values()].sort((a, b) => Number(b.isError) - Number(a.isError) || b.count - a.count || a.reason.localeCompare(b.reason));
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
  const problems = describeDescendantProblems(descendants);
  if (!problems) return own;
  const message = own.status === "Error" ? `${own.message}; ${problems}` : problems;
  return { ...own, message };
}
