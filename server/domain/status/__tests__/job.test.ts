import { test } from "node:test";
import assert from "node:assert/strict";
import { fixture, withCondition, withSpec, withStatus } from "../__fixtures__/fixtureBuilders";
import { statusOf, verdictOf } from "./statusTestHelpers";

test("Job, wait for Jobs off: Success as soon as it exists, even when failed", () => {
  for (const name of ["job-running", "job-failed", "job-complete"]) {
    assert.deepEqual(verdictOf(fixture(name), { waitForJobs: false }), ["Success", "Created; not waiting for completion"]);
  }
});

test("Job: Failed=True is Error with reason and message", () => {
  const status = statusOf(fixture("job-failed"));
  assert.equal(status.status, "Error");
  assert.equal(status.message, "BackoffLimitExceeded: Job has reached the specified backoff limit");
  assert.equal(status.summary, "completions 0/1, active 0, failed 1");
});

test("Job: DeadlineExceeded is Error", () => {
  const job = withCondition(fixture("job-running"), {
    type: "Failed",
    status: "True",
    reason: "DeadlineExceeded",
    message: "Job was active longer than specified deadline",
  });
  assert.deepEqual(verdictOf(job), ["Error", "DeadlineExceeded: Job was active longer than specified deadline"]);
});

test("Job: FailureTarget=True (before Failed is set) already fails", () => {
  const job = withCondition(fixture("job-running"), {
    type: "FailureTarget",
    status: "True",
    reason: "BackoffLimitExceeded",
    message: "Job has reached the specified backoff limit",
  });
  assert.equal(verdictOf(job)[0], "Error");
});

test("Job: Complete=True is Success", () => {
  assert.deepEqual(statusOf(fixture("job-complete")), { status: "Success", message: "Complete", summary: "completions 1/1, active 0, failed 0" });
});

test("Job: SuccessCriteriaMet=True alone is Success", () => {
  const job = withCondition(fixture("job-running"), { type: "SuccessCriteriaMet", status: "True", reason: "SuccessPolicy" });
  assert.deepEqual(verdictOf(job), ["Success", "Complete"]);
});

test("Job: suspended is Success, Suspended; not waited for", () => {
  assert.deepEqual(verdictOf(withSpec(fixture("job-running"), { suspend: true })), ["Success", "Suspended; not waited for"]);
});

test("Job: running is InProgress with active, succeeded and failed counts", () => {
  assert.deepEqual(verdictOf(fixture("job-running")), ["InProgress", "active 1, succeeded 0, failed 0"]);
  const retried = withStatus(fixture("job-running"), { failed: 2 });
  assert.deepEqual(verdictOf(retried), ["InProgress", "active 1, succeeded 0, failed 2"]);
});

test("CronJob: Success once it exists, never scheduled yet", () => {
  assert.deepEqual(statusOf(fixture("cronjob")), { status: "Success", message: "Not scheduled yet", summary: "schedule 0 2 * * *, active 0" });
});

test("CronJob: names the last schedule time and counts active Jobs", () => {
  const ran = withStatus(fixture("cronjob"), { lastScheduleTime: "2025-06-02T02:00:00Z", active: [{ kind: "Job", name: "nightly-report-29140920" }] });
  assert.deepEqual(statusOf(ran), { status: "Success", message: "Last scheduled at 2025-06-02T02:00:00Z", summary: "schedule 0 2 * * *, active 1" });
});

test("CronJob: suspended and never scheduled says both", () => {
  const cronJob = withStatus(withSpec(fixture("cronjob"), { suspend: true }), { lastScheduleTime: undefined });
  assert.deepEqual(verdictOf(cronJob), ["Success", "Suspended; not scheduled yet"]);
});
