import { test } from "node:test";
import assert from "node:assert/strict";
import type { OutcomeTransition } from "../outcomeTypes";
import { reduceStepOutcome, startStepOutcome } from "../stepOutcome";
import type { TrackedRow } from "../trackedRow";
import { at, child, options, row, t0 } from "./outcomeTestHelpers";

const graceOn = options({ podsCannotStart: { graceSeconds: 30 }, timeoutSeconds: 300 });
const deployment = row("Deployment/web", "InProgress", { message: "2 pods CrashLoopBackOff: back-off restarting failed container app" });
const replicaSet = child("ReplicaSet/web-1", "Deployment/web", "InProgress");
const crashing = (name: string) => child(`Pod/${name}`, "ReplicaSet/web-1", "Error", "CrashLoopBackOff");

function change(previous: OutcomeTransition, seconds: number, upserts: TrackedRow[], removedKeys: string[] = []): OutcomeTransition {
  return reduceStepOutcome(previous.state, { type: "rowsChanged", now: at(seconds), upserts, removedKeys });
}

test("off by default: crashing pods alone never fail the step before the timeout", () => {
  const start = startStepOutcome(options({ timeoutSeconds: 300 }), t0, [deployment, replicaSet, crashing("a")]);
  assert.equal(start.nextWakeAt, at(300));
  assert.equal(reduceStepOutcome(start.state, { type: "timePassed", now: at(299) }).state.phase.name, "running");
});

test("a workload whose pods stay in Error past the grace becomes Error and fails the step", () => {
  const start = startStepOutcome(graceOn, t0, [deployment, replicaSet]);
  const crashes = change(start, 5, [crashing("a")]);
  assert.equal(crashes.nextWakeAt, at(35));
  const stillRunning = reduceStepOutcome(crashes.state, { type: "timePassed", now: at(34.9) });
  assert.equal(stillRunning.state.phase.name, "running");
  const escalated = reduceStepOutcome(crashes.state, { type: "timePassed", now: at(35) });
  assert.deepEqual(escalated.effects[0], {
    type: "rowEscalatedToError",
    at: at(35),
    key: "Deployment/web",
    message: "Pods cannot start for more than 30 s: 2 pods CrashLoopBackOff: back-off restarting failed container app",
  });
  assert.deepEqual(escalated.state.phase, { name: "failed", at: at(35), reason: "error", blockingKeys: ["Deployment/web"] });
  assert.equal(escalated.state.rows["Deployment/web"]?.status, "Error");
});

test("the grace counts from the first pod error without a break, even as pods are replaced", () => {
  const start = startStepOutcome(graceOn, t0, [deployment, replicaSet, crashing("a")]);
  const replaced = change(start, 20, [crashing("b")], ["Pod/a"]);
  assert.equal(replaced.nextWakeAt, at(30));
});

test("pods recovering before the grace cancel it; a new error starts a new grace", () => {
  const start = startStepOutcome(graceOn, t0, [deployment, replicaSet, crashing("a")]);
  const recovered = change(start, 20, [child("Pod/a", "ReplicaSet/web-1", "InProgress", "Running, not ready")]);
  assert.equal(recovered.nextWakeAt, at(300), "only the timeout is left");
  const again = change(recovered, 25, [crashing("a")]);
  assert.equal(again.nextWakeAt, at(55));
});

test("a workload that is Success is not escalated for an erroring pod", () => {
  const start = startStepOutcome(graceOn, t0, [row("Deployment/web", "Success"), replicaSet, crashing("a")]);
  assert.equal(start.nextWakeAt, at(10), "only stabilization is pending");
  assert.equal(reduceStepOutcome(start.state, { type: "timePassed", now: at(40) }).state.phase.name, "succeeded");
});

test("Jobs are not escalated: their backoff limit decides", () => {
  const job = row("Job/migrate", "InProgress");
  const start = startStepOutcome(graceOn, t0, [job, child("Pod/migrate-a", "Job/migrate", "Error", "Error (exit code 1)")]);
  assert.equal(start.nextWakeAt, at(300));
});

test("a zero grace escalates at once", () => {
  const start = startStepOutcome(options({ podsCannotStart: { graceSeconds: 0 } }), t0, [deployment, replicaSet]);
  const failed = change(start, 3, [crashing("a")]);
  assert.equal(failed.state.phase.name, "failed");
});
