import { test } from "node:test";
import assert from "node:assert/strict";
import type { OutcomeEffect, OutcomeTransition } from "../outcomeTypes";
import { reduceStepOutcome, startStepOutcome } from "../stepOutcome";
import type { TrackedRow } from "../trackedRow";
import { at, child, options, row, t0 } from "./outcomeTestHelpers";

function change(previous: OutcomeTransition, seconds: number, ...upserts: TrackedRow[]): OutcomeTransition {
  return reduceStepOutcome(previous.state, { type: "rowsChanged", now: at(seconds), upserts });
}
function wait(previous: OutcomeTransition, seconds: number): OutcomeTransition {
  return reduceStepOutcome(previous.state, { type: "timePassed", now: at(seconds) });
}
const effectTypes = (transition: OutcomeTransition) => transition.effects.map((effect) => effect.type);
const find = <T extends OutcomeEffect["type"]>(transition: OutcomeTransition, type: T) =>
  transition.effects.find((effect): effect is Extract<OutcomeEffect, { type: T }> => effect.type === type);

test("starts running and asks to be woken at the timeout", () => {
  const start = startStepOutcome(options(), t0, [row("Deployment/web", "InProgress")]);
  assert.equal(start.state.phase.name, "running");
  assert.equal(start.nextWakeAt, at(300));
  assert.deepEqual(effectTypes(start), ["topLevelStatusChanged"]);
});

test("desired state starts stabilization; the step passes when it ends", () => {
  const start = startStepOutcome(options(), t0, [row("Deployment/web", "InProgress"), row("ConfigMap/cfg", "Success")]);
  const reached = change(start, 5, row("Deployment/web", "Success"));
  assert.deepEqual(reached.state.phase, { name: "stabilizing", since: at(5), until: at(15) });
  assert.deepEqual(find(reached, "stabilizationStarted"), { type: "stabilizationStarted", at: at(5), until: at(15) });
  assert.equal(reached.nextWakeAt, at(15));
  assert.equal(wait(reached, 14.999).state.phase.name, "stabilizing");
  const passed = wait(reached, 15);
  assert.deepEqual(passed.state.phase, { name: "succeeded", at: at(15) });
  assert.deepEqual(effectTypes(passed), ["succeeded"]);
  assert.equal(passed.nextWakeAt, null);
});

test("an object leaving Success resets stabilization and names the object", () => {
  const start = startStepOutcome(options(), t0, [row("Deployment/web", "Success"), row("Deployment/api", "Success")]);
  assert.equal(start.state.phase.name, "stabilizing");
  const broken = change(start, 4, row("Deployment/api", "InProgress", { message: "1 of 2 updated replicas available" }));
  assert.equal(broken.state.phase.name, "running");
  assert.deepEqual(find(broken, "stabilizationReset"), {
    type: "stabilizationReset",
    at: at(4),
    key: "Deployment/api",
    status: "InProgress",
    message: "1 of 2 updated replicas available",
  });
  assert.equal(wait(broken, 10).state.phase.name, "running", "the cancelled timer must not pass the step");
  const again = change(broken, 8, row("Deployment/api", "Success"));
  assert.deepEqual(again.state.phase, { name: "stabilizing", since: at(8), until: at(18) });
  assert.equal(wait(again, 18).state.phase.name, "succeeded");
});

test("a child leaving Success does not reset stabilization: children do not decide the step", () => {
  const start = startStepOutcome(options(), t0, [row("Deployment/web", "Success"), child("Pod/web-1", "Deployment/web", "Success")]);
  const podTrouble = change(start, 3, child("Pod/web-1", "Deployment/web", "Error", "CrashLoopBackOff"));
  assert.equal(podTrouble.state.phase.name, "stabilizing");
  assert.equal(wait(podTrouble, 10).state.phase.name, "succeeded");
});

test("fail early: a top-level Error fails the step at once, naming it", () => {
  const start = startStepOutcome(options(), t0, [row("Pod/standalone", "InProgress"), row("Deployment/web", "InProgress")]);
  const failed = change(start, 2, row("Pod/standalone", "Error", { message: "ImagePullBackOff: Back-off pulling image" }));
  assert.deepEqual(failed.state.phase, { name: "failed", at: at(2), reason: "error", blockingKeys: ["Pod/standalone"] });
  assert.equal(failed.nextWakeAt, null);
  assert.deepEqual(
    reduceStepOutcome(failed.state, { type: "rowsChanged", now: at(3), upserts: [row("Pod/standalone", "Success")] }).effects,
    [],
    "the table is frozen",
  );
});

test("fail early also during stabilization", () => {
  const start = startStepOutcome(options(), t0, [row("Job/migrate", "Success")]);
  const failed = change(start, 3, row("Job/migrate", "Error"));
  assert.equal(failed.state.phase.name, "failed");
  assert.deepEqual(effectTypes(failed), ["topLevelStatusChanged", "failed"], "an Error is a failure, not a stabilization reset");
});

test("timeout: every InProgress row, children included, becomes TimedOut and the step fails", () => {
  const start = startStepOutcome(options({ timeoutSeconds: 60 }), t0, [
    row("Deployment/web", "InProgress"),
    child("ReplicaSet/web-1", "Deployment/web", "InProgress"),
    child("Pod/web-1-a", "ReplicaSet/web-1", "Error", "CrashLoopBackOff"),
    child("Pod/web-1-b", "ReplicaSet/web-1", "InProgress"),
    row("ConfigMap/cfg", "Success"),
  ]);
  const timedOut = wait(start, 60);
  assert.deepEqual(find(timedOut, "rowsTimedOut")?.keys, ["Deployment/web", "ReplicaSet/web-1", "Pod/web-1-b"]);
  assert.deepEqual(timedOut.state.phase, { name: "failed", at: at(60), reason: "timeout", blockingKeys: ["Deployment/web"] });
  assert.equal(timedOut.state.rows["Pod/web-1-a"]?.status, "Error", "Error rows keep their status");
  assert.equal(timedOut.state.rows["Pod/web-1-b"]?.status, "TimedOut");
});

test("timeout during stabilization fails with its own reason", () => {
  const start = startStepOutcome(options({ timeoutSeconds: 30, stabilizationSeconds: 10 }), t0, [row("Deployment/web", "InProgress")]);
  const stabilizing = change(start, 25, row("Deployment/web", "Success"));
  assert.equal(stabilizing.nextWakeAt, at(30), "the timeout comes before the end of stabilization");
  const timedOut = wait(stabilizing, 30);
  assert.deepEqual(timedOut.state.phase, { name: "failed", at: at(30), reason: "timeoutDuringStabilization", blockingKeys: [] });
});

test("stabilization ending exactly at the timeout passes", () => {
  const start = startStepOutcome(options({ timeoutSeconds: 30 }), t0, [row("Deployment/web", "InProgress")]);
  const stabilizing = change(start, 20, row("Deployment/web", "Success"));
  assert.equal(wait(stabilizing, 30).state.phase.name, "succeeded");
});

test("a late wake-up applies deadlines in time order before the event", () => {
  const start = startStepOutcome(options({ timeoutSeconds: 60 }), t0, [row("Deployment/web", "InProgress")]);
  const late = change(start, 90, row("Deployment/web", "Success"));
  assert.deepEqual(late.state.phase, { name: "failed", at: at(60), reason: "timeout", blockingKeys: ["Deployment/web"] });
  const stabilizing = change(start, 5, row("Deployment/web", "Success"));
  const lateBreak = change(stabilizing, 20, row("Deployment/web", "InProgress"));
  assert.deepEqual(lateBreak.state.phase, { name: "succeeded", at: at(15) }, "stabilization had ended before the object left Success");
});

test("timeout disabled: the step waits as long as it takes, with nothing to wake up for", () => {
  const start = startStepOutcome(options({ timeoutSeconds: null }), t0, [row("Deployment/web", "InProgress")]);
  assert.equal(start.nextWakeAt, null);
  const muchLater = wait(start, 86_400);
  assert.equal(muchLater.state.phase.name, "running");
  const done = change(muchLater, 86_401, row("Deployment/web", "Success"));
  assert.equal(wait(done, 86_411).state.phase.name, "succeeded");
});

test("wait for Jobs off: the rule makes the Job Success at once, so the step passes after stabilization", () => {
  // The machine has no Job-specific logic: wait-for-Jobs changes the row status the rule gives.
  const start = startStepOutcome(options(), t0, [row("Job/migrate", "Success", { message: "Created; not waiting for completion" })]);
  const podFails = change(start, 2, child("Pod/migrate-x", "Job/migrate", "Error", "Container migrate terminated: Error (exit code 1)"));
  assert.equal(wait(podFails, 10).state.phase.name, "succeeded");
});

test("zero-second stabilization passes as soon as the desired state is reached", () => {
  const start = startStepOutcome(options({ stabilizationSeconds: 0 }), t0, [row("Deployment/web", "InProgress")]);
  const passed = change(start, 7, row("Deployment/web", "Success"));
  assert.deepEqual(effectTypes(passed), ["topLevelStatusChanged", "stabilizationStarted", "succeeded"]);
});

test("a step with no objects passes after stabilization", () => {
  const start = startStepOutcome(options(), t0, []);
  assert.equal(wait(start, 10).state.phase.name, "succeeded");
});

test("top-level status changes are reported once per change", () => {
  const start = startStepOutcome(options(), t0, [row("Deployment/web", "InProgress")]);
  const same = change(start, 1, row("Deployment/web", "InProgress", { message: "1 of 2 updated" }));
  assert.deepEqual(effectTypes(same), []);
  const changed = change(same, 2, row("Deployment/web", "Success"));
  assert.deepEqual(find(changed, "topLevelStatusChanged"), {
    type: "topLevelStatusChanged",
    at: at(2),
    key: "Deployment/web",
    from: "InProgress",
    to: "Success",
    message: "ok",
  });
});
