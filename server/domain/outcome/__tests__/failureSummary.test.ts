import { test } from "node:test";
import assert from "node:assert/strict";
import { buildFailureSummary, type ObjectEvent } from "../failureSummary";
import { child, row } from "./outcomeTestHelpers";

const rows = [
  row("Deployment/web", "TimedOut", { message: "2 pods CrashLoopBackOff: back-off restarting failed container app" }),
  child("ReplicaSet/web-1", "Deployment/web", "TimedOut", "0 of 2 available"),
  child("Pod/web-1-a", "ReplicaSet/web-1", "Error", "CrashLoopBackOff: back-off restarting failed container app"),
  child("Pod/web-1-b", "ReplicaSet/web-1", "TimedOut", "Container app waiting: ContainerCreating"),
  row("ConfigMap/cfg", "Success"),
  row("Job/migrate", "TimedOut", { message: "active 1, succeeded 0, failed 0" }),
];

const backOff = (n: number): ObjectEvent => ({
  type: "Warning",
  reason: "BackOff",
  message: "Back-off restarting failed container app",
  count: n,
  lastSeen: `2025-06-02T10:0${n}:00Z`,
});
const events: Record<string, ObjectEvent[]> = {
  "Pod/web-1-a": [backOff(3), backOff(1), backOff(2)],
  "Deployment/web": [{ type: "Normal", reason: "ScalingReplicaSet", message: "Scaled up replica set web-1 from 0 to 2", lastSeen: "2025-06-02T10:00:00Z" }],
};

test("blocking objects are the top-level rows not in Success, worst first", () => {
  const summary = buildFailureSummary(rows, events, { reason: "timeout" });
  assert.deepEqual(
    summary.blocking.map((blocking) => blocking.row.key),
    ["Deployment/web", "Job/migrate"],
  );
});

test("the reason chain walks from the worst pod up to the blocking object", () => {
  const [web, job] = buildFailureSummary(rows, events).blocking;
  assert.deepEqual(
    web?.reasonChain.map((link) => link.key),
    ["Pod/web-1-a", "ReplicaSet/web-1", "Deployment/web"],
  );
  assert.deepEqual(
    job?.reasonChain.map((link) => link.key),
    ["Job/migrate"],
  );
});

test("each link carries its last few events, oldest first", () => {
  const [web] = buildFailureSummary(rows, events, { eventsPerObject: 2 }).blocking;
  assert.deepEqual(
    web?.reasonChain[0]?.events.map((event) => event.count),
    [2, 3],
  );
  assert.equal(web?.reasonChain[2]?.events.length, 1);
});

test("the text rendering names the reason, the chain and the events", () => {
  const { text } = buildFailureSummary(rows, events, { reason: "timeout", eventsPerObject: 1 });
  assert.equal(
    text,
    [
      "The step timed out.",
      "Waiting for 2 objects:",
      "- Deployment shop/web: TimedOut: 2 pods CrashLoopBackOff: back-off restarting failed container app",
      "  Reason chain: Pod web-1-a (Error: CrashLoopBackOff: back-off restarting failed container app) → ReplicaSet web-1 (TimedOut: 0 of 2 available) → Deployment web (TimedOut: 2 pods CrashLoopBackOff: back-off restarting failed container app)",
      "  Last events of Pod shop/web-1-a:",
      "    2025-06-02T10:03:00Z Warning BackOff: Back-off restarting failed container app (x3)",
      "  Last events of Deployment shop/web:",
      "    2025-06-02T10:00:00Z Normal ScalingReplicaSet: Scaled up replica set web-1 from 0 to 2",
      "- Job shop/migrate: TimedOut: active 1, succeeded 0, failed 0",
    ].join("\n"),
  );
});

test("a timeout during stabilization has no blocking object and says why the step failed", () => {
  const allGood = [row("Deployment/web", "Success")];
  const summary = buildFailureSummary(allGood, {}, { reason: "timeoutDuringStabilization" });
  assert.deepEqual(summary.blocking, []);
  assert.match(summary.text, /^The step timed out during stabilization: .*\nNo object was blocking the step\.$/);
});
