import { test } from "node:test";
import assert from "node:assert/strict";
import { percentile, summarize, summarizeCapped } from "./stats.ts";

test("nearest-rank percentiles only return measured values", () => {
  assert.equal(percentile([5, 1, 3], 50), 3);
  assert.equal(percentile([1, 2, 3, 4], 50), 2);
  assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95), 10);
  assert.equal(percentile([], 50), null);
  assert.deepEqual(summarize([2]), { n: 1, median: 2, p95: 2, p99: 2, min: 2, max: 2 });
});

test("20 runs give a p95 that is not the worst one", () => {
  const values = Array.from({ length: 20 }, (_, i) => i + 1);
  assert.equal(percentile(values, 95), 19);
  assert.equal(summarize(values).max, 20);
});

test("a capped sample ranks above every measured one, whatever its lower bound", () => {
  // The capped run stopped at 60 s; a measured run took 70 s (it finished before a cap applied).
  const summary = summarizeCapped([
    { ms: 70_000, capped: false },
    { ms: 60_000, capped: true },
    { ms: 1_000, capped: false },
  ]);
  assert.deepEqual(summary.median, { ms: 70_000, capped: false });
  assert.deepEqual(summary.p95, { ms: 60_000, capped: true });
  assert.equal(summary.cappedRuns, 1);
});

test("a median over mostly capped runs is itself capped", () => {
  const summary = summarizeCapped([
    { ms: 60_000, capped: true },
    { ms: 60_000, capped: true },
    { ms: 5_000, capped: false },
  ]);
  assert.deepEqual(summary.median, { ms: 60_000, capped: true });
  assert.deepEqual(summarizeCapped([]), { n: 0, cappedRuns: 0, median: null, p95: null });
});
