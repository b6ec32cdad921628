import { test } from "node:test";
import assert from "node:assert/strict";
import { percentile, summarize } from "./stats.ts";

test("nearest-rank percentiles only return measured values", () => {
  assert.equal(percentile([5, 1, 3], 50), 3);
  assert.equal(percentile([1, 2, 3, 4], 50), 2);
  assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95), 10);
  assert.equal(percentile([], 50), null);
  assert.deepEqual(summarize([2]), { n: 1, median: 2, p95: 2, p99: 2, min: 2, max: 2 });
});
