// The incremental reason groups against the full computation they replace (issue 12): random
// sequences of rows added, changed and removed (children first, as the tracker removes them), and
// after every step each row's words are exactly what describeDescendantProblems gives over its
// descendants walked depth-first in the order they became rows.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { describeDescendantProblems, type DescendantStatus } from "../../domain/status/index.ts";
import { DescendantProblems } from "../descendant-problems.ts";

type State = { kind: string; status: DescendantStatus["status"]; cause?: DescendantStatus["cause"] };

/** The tracker's tree as it was walked before issue 12: children in insertion order, depth first. */
class Oracle {
  readonly children = new Map<string | null, Set<string>>([[null, new Set()]]);
  readonly parent = new Map<string, string | null>();
  readonly state = new Map<string, State>();

  add(key: string, parent: string | null, kind: string) {
    this.children.get(parent)!.add(key);
    this.children.set(key, new Set());
    this.parent.set(key, parent);
    this.state.set(key, { kind, status: "InProgress" });
  }

  /** Removes the subtree, deepest first; returns the keys in removal order. */
  remove(key: string): string[] {
    const removed: string[] = [];
    for (const child of [...this.children.get(key)!]) removed.push(...this.remove(child));
    this.children.get(this.parent.get(key)!)!.delete(key);
    this.children.delete(key);
    this.parent.delete(key);
    this.state.delete(key);
    removed.push(key);
    return removed;
  }

  descendants(key: string): DescendantStatus[] {
    const result: DescendantStatus[] = [];
    const visit = (parent: string) => {
      for (const child of this.children.get(parent) ?? []) {
        const state = this.state.get(child)!;
        result.push({ kind: state.kind, name: child, status: state.status, cause: state.cause });
        visit(child);
      }
    };
    visit(key);
    return result;
  }
}

const kinds = ["Pod", "Job", "ReplicaSet"];
// "Failed" is shared by kinds, so groups of equal count and reason are ordered by first member.
const reasons = ["CrashLoopBackOff", "NotReady", "Failed", "Unschedulable"];
const details = [
  "",
  "container app",
  "back-off 40s restarting failed container=app pod=web-1_ns(abc)",
  "back-off restarting failed container app",
  "0/3 nodes",
];

type Operation =
  | { type: "add"; parent: number; kind: string }
  | { type: "set"; target: number; status: DescendantStatus["status"]; cause?: DescendantStatus["cause"] }
  | { type: "remove"; target: number };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ type: fc.constant("add" as const), parent: fc.nat(), kind: fc.constantFrom(...kinds) }) },
  {
    weight: 6,
    arbitrary: fc.record({
      type: fc.constant("set" as const),
      target: fc.nat(),
      status: fc.constantFrom<DescendantStatus["status"]>("InProgress", "Success", "Error", "TimedOut"),
      cause: fc.option(fc.record({ reason: fc.constantFrom(...reasons), detail: fc.constantFrom(...details) }), { nil: undefined }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant("remove" as const), target: fc.nat() }) },
);

function check(problems: DescendantProblems, oracle: Oracle) {
  for (const key of oracle.state.keys()) assert.equal(problems.describe(key), describeDescendantProblems(oracle.descendants(key)), `row ${key}`);
}

test("property: incremental reason groups equal the full recomputation after every add, change and remove", () => {
  fc.assert(
    fc.property(fc.array(operation, { minLength: 1, maxLength: 120 }), (operations) => {
      const problems = new DescendantProblems();
      const oracle = new Oracle();
      let next = 0;
      for (const op of operations) {
        const keys = [...oracle.state.keys()];
        if (op.type === "add") {
          // A third of the rows are top-level; the others go under an existing row (any depth).
          const parent = keys.length === 0 || op.parent % 3 === 0 ? null : keys[op.parent % keys.length]!;
          // Keys come from a small pool: a row removed and added again (same uid) is a new row.
          const key = `r${next++ % 24}`;
          if (oracle.state.has(key)) continue;
          oracle.add(key, parent, op.kind);
          problems.add(key, parent);
        } else if (keys.length > 0) {
          const key = keys[op.target % keys.length]!;
          if (op.type === "set") {
            const state = oracle.state.get(key)!;
            Object.assign(state, { status: op.status, cause: op.cause });
            problems.set(key, state.kind, op.status, op.cause);
          } else for (const removed of oracle.remove(key)) problems.remove(removed);
        }
        check(problems, oracle);
      }
    }),
    { numRuns: 300 },
  );
});

test("a group's detail and severity are its first member's in depth-first order, as before", () => {
  const problems = new DescendantProblems();
  problems.add("deployment", null);
  problems.add("rs-old", "deployment");
  problems.add("rs-new", "deployment");
  problems.add("pod-new", "rs-new");
  problems.add("pod-old", "rs-old");
  problems.set("pod-new", "Pod", "InProgress", { reason: "CrashLoopBackOff", detail: "container new" });
  problems.set("pod-old", "Pod", "Error", { reason: "CrashLoopBackOff", detail: "container old" });
  // pod-old became a row after pod-new, but its ReplicaSet comes first: it leads the group.
  assert.equal(problems.describe("deployment"), "2 pods CrashLoopBackOff: container old");
  problems.remove("pod-old");
  assert.equal(problems.describe("deployment"), "1 pod CrashLoopBackOff: container new");
  problems.set("pod-new", "Pod", "Success", undefined);
  assert.equal(problems.describe("deployment"), undefined);
});

test("many siblings leaving and joining a group keep its count and first member right", () => {
  const problems = new DescendantProblems();
  problems.add("rs", null);
  for (let i = 0; i < 1_000; i++) problems.add(`pod-${i}`, "rs");
  for (let round = 0; round < 3; round++)
    for (let i = 0; i < 1_000; i++) problems.set(`pod-${i}`, "Pod", "InProgress", { reason: "NotReady", detail: round === 2 && i === 0 ? "first" : "" });
  assert.equal(problems.describe("rs"), "1000 pods NotReady: first");
  for (let i = 0; i < 999; i++) problems.set(`pod-${i}`, "Pod", "Success", undefined);
  assert.equal(problems.describe("rs"), "1 pod NotReady");
});

test("a row removed and added again (same key) counts in its new place", () => {
  const problems = new DescendantProblems();
  problems.add("rs", null);
  problems.add("a", "rs");
  problems.add("b", "rs");
  problems.set("a", "Pod", "Error", { reason: "CrashLoopBackOff", detail: "container a" });
  problems.set("b", "Pod", "Error", { reason: "CrashLoopBackOff", detail: "container b" });
  assert.equal(problems.describe("rs"), "2 pods CrashLoopBackOff: container a");
  problems.remove("a");
  problems.add("a", "rs");
  problems.set("a", "Pod", "Error", { reason: "CrashLoopBackOff", detail: "container a" });
  assert.equal(problems.describe("rs"), "2 pods CrashLoopBackOff: container b");
});
