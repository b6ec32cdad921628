// Every row's descendants' reason groups ("3 pods CrashLoopBackOff: …"), kept up to date from each
// row's own changes instead of recomputed from all descendants at every event (issue 12): a
// Deployment rolling out 5,000 pods summarises them without walking them. Per change the work is
// O(depth) map updates plus, per ancestor, one O(log members) heap push (the heap finds a group's
// first member in depth-first order, whose detail and severity the words quote); a parent's
// message costs O(its groups), never O(its descendants).
//
// The result is exactly describeDescendantProblems over the descendants in the tracker's
// depth-first order (children in the order they became rows): the fast-check property in
// __tests__/descendant-problems.test.ts keeps that full computation as the oracle.
import { describeReasonGroups, descendantReasonOf, type DescendantReason, type DescendantStatus } from "../domain/status/index.ts";

type HeapEntry = { readonly key: string; readonly node: Node };
type Group = { readonly kind: string; readonly reason: string; readonly members: Set<string>; heap: HeapEntry[] };
type Node = {
  readonly parent: Node | undefined;
  /** Insertion number: siblings in this order, depth first, is the order descendants were walked in. */
  readonly seq: number;
  readonly depth: number;
  reason?: DescendantReason;
  /** Reason groups of this row's descendants, by kind and reason (made when the first one joins). */
  groups?: Map<string, Group>;
};

export class DescendantProblems {
  private readonly nodes = new Map<string, Node>();
  private sequence = 0;

  /** A new row, after its parent (null for a top-level row); it has no problem yet. */
  add(key: string, parent: string | null): void {
    const parentNode = parent === null ? undefined : this.nodes.get(parent);
    // Every field in the literal: one added later moves the object's fields to a separate array (40 bytes a row).
    this.nodes.set(key, { parent: parentNode, seq: this.sequence++, depth: parentNode ? parentNode.depth + 1 : 0, reason: undefined, groups: undefined });
  }

  /** The row's own status and cause changed: its ancestors' groups follow. */
  set(key: string, kind: string, status: DescendantStatus["status"], cause: DescendantStatus["cause"]): void {
    const node = this.nodes.get(key);
    if (!node) return;
    const reason = descendantReasonOf({ kind, name: "", status, cause });
    const before = node.reason;
    node.reason = reason;
    // Same group: counts and membership unchanged (detail and severity are read when described).
    if (before?.group === reason?.group) return;
    for (let ancestor = node.parent; ancestor; ancestor = ancestor.parent) {
      if (before) this.leave(ancestor, before.group, key);
      if (reason) this.join(ancestor, reason, key, node);
    }
  }

  /** A row gone (its descendants are removed first, as the tracker does). */
  remove(key: string): void {
    const node = this.nodes.get(key);
    if (!node) return;
    if (node.reason) for (let ancestor = node.parent; ancestor; ancestor = ancestor.parent) this.leave(ancestor, node.reason.group, key);
    this.nodes.delete(key);
  }

  /** The words describeDescendantProblems gives for this row's descendants; undefined when none has a problem. */
  describe(key: string): string | undefined {
    const node = this.nodes.get(key);
    if (!node?.groups) return undefined;
    const groups: { first: HeapEntry; reason: DescendantReason; kind: string; count: number }[] = [];
    for (const entry of node.groups.values()) {
      const first = this.firstMember(entry);
      groups.push({ first, reason: first.node.reason!, kind: entry.kind, count: entry.members.size });
    }
    // describeDescendantProblems meets the groups in the order of their first members.
    groups.sort((a, b) => depthFirst(a.first.node, b.first.node));
    return describeReasonGroups(
      groups.map((group) => ({
        kind: group.kind,
        reason: group.reason.reason,
        detail: group.reason.detail,
        isError: group.reason.isError,
        count: group.count,
      })),
    );
  }

  clear(): void {
    this.nodes.clear();
  }

  private join(ancestor: Node, reason: DescendantReason, key: string, node: Node) {
    ancestor.groups ??= new Map();
    let group = ancestor.groups.get(reason.group);
    if (!group) ancestor.groups.set(reason.group, (group = { kind: reason.kind, reason: reason.reason, members: new Set(), heap: [] }));
    group.members.add(key);
    push(group.heap, { key, node });
    // Entries of members that left are dropped lazily; rebuild before they outnumber the members.
    if (group.heap.length > 2 * group.members.size + 16)
      group.heap = heapOf([...group.members].map((member) => ({ key: member, node: this.nodes.get(member)! })));
  }

  private leave(ancestor: Node, group: string, key: string) {
    const entry = ancestor.groups?.get(group);
    if (!entry) return;
    entry.members.delete(key);
    if (entry.members.size === 0) ancestor.groups!.delete(group);
    if (ancestor.groups!.size === 0) ancestor.groups = undefined;
  }

  /** The group's member first in depth-first order (stale heap entries are dropped on the way). */
  private firstMember(group: Group): HeapEntry {
    for (;;) {
      const top = group.heap[0]!;
      // A key removed and added again is a new node, in its new place.
      if (group.members.has(top.key) && this.nodes.get(top.key) === top.node) return top;
      pop(group.heap);
    }
  }
}

/** Depth-first order: an ancestor before its descendants, siblings (and roots) by insertion. */
function depthFirst(a: Node, b: Node): number {
  let x = a;
  let y = b;
  while (x.depth > y.depth) x = x.parent!;
  while (y.depth > x.depth) y = y.parent!;
  if (x === y) return a.depth - b.depth;
  while (x.parent !== y.parent) {
    x = x.parent!;
    y = y.parent!;
  }
  return x.seq - y.seq;
}

const before = (a: HeapEntry, b: HeapEntry) => depthFirst(a.node, b.node) < 0;

function push(heap: HeapEntry[], entry: HeapEntry) {
  heap.push(entry);
  for (let i = heap.length - 1; i > 0;) {
    const parent = (i - 1) >> 1;
    if (!before(heap[i]!, heap[parent]!)) break;
    [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
    i = parent;
  }
}

function pop(heap: HeapEntry[]) {
  const last = heap.pop()!;
  if (heap.length === 0) return;
  heap[0] = last;
  siftDown(heap, 0);
}

function siftDown(heap: HeapEntry[], start: number) {
  for (let i = start; ;) {
    const left = 2 * i + 1;
    const right = left + 1;
    let smallest = i;
    if (left < heap.length && before(heap[left]!, heap[smallest]!)) smallest = left;
    if (right < heap.length && before(heap[right]!, heap[smallest]!)) smallest = right;
    if (smallest === i) return;
    [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
    i = smallest;
  }
}

function heapOf(entries: HeapEntry[]): HeapEntry[] {
  for (let i = (entries.length >> 1) - 1; i >= 0; i--) siftDown(entries, i);
  return entries;
}
