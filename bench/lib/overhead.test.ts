import { test } from "node:test";
import assert from "node:assert/strict";
import { engineOverheads } from "./overhead.ts";

test("per-Deployment overhead pairs each Deployment's two receive times; the step's is from the last final one", () => {
  const harness = new Map([
    ["a", 1_000],
    ["b", 2_000],
    ["c", 3_000],
  ]);
  const result = engineOverheads(harness, { a: 1_010, b: 1_995, c: 3_040 }, 3_100);
  assert.equal(result.perDeploymentMs.median, 10);
  assert.equal(result.perDeploymentMs.min, -5);
  assert.equal(result.perDeploymentMs.max, 40);
  assert.equal(result.stepMs, 100);
  assert.equal(result.missingInOurs, 0);
});

test("a Deployment our tracker never reported is counted, not hidden in the percentiles", () => {
  const result = engineOverheads(
    new Map([
      ["a", 1_000],
      ["b", 2_000],
    ]),
    { a: 1_001, z: 5 },
    null,
  );
  assert.equal(result.perDeploymentMs.n, 1);
  assert.equal(result.missingInOurs, 1);
  assert.equal(result.missingInHarness, 1);
  assert.equal(result.stepMs, null);
});
