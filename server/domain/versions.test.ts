import { test } from "node:test";
import assert from "node:assert/strict";
import { compareVersions, nextPatchVersion } from "./versions.ts";

test("next patch version after the highest release", () => {
  assert.equal(nextPatchVersion([]), "0.0.1");
  assert.equal(nextPatchVersion(["0.0.1", "0.0.2"]), "0.0.3");
  assert.equal(nextPatchVersion(["1.9.0", "1.10.0", "1.2.7"]), "1.10.1");
  assert.equal(nextPatchVersion(["2.0.0-rc.1", "1.5.0"]), "2.0.0");
  assert.equal(nextPatchVersion(["not-a-version"]), "0.0.1");
});

test("semantic version precedence", () => {
  const sorted = ["1.0.0", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "0.9.9", "1.0.0+build.1"].sort(compareVersions);
  assert.deepEqual(sorted, ["0.9.9", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.0+build.1"]);
});
