// Counts in the apply log and the step outcome: "1 object", never "1 objects".
import { test } from "node:test";
import assert from "node:assert/strict";
import { appliedLine, appliedWithoutVerification, followingHelmRelease } from "../apply-messages.ts";

const rows: readonly [string, string][] = [
  [appliedLine(1), "Applied 1 object with server-side apply."],
  [appliedLine(3), "Applied 3 objects with server-side apply."],
  [appliedWithoutVerification(1), "Applied 1 object; verification is off"],
  [appliedWithoutVerification(2), "Applied 2 objects; verification is off"],
  [appliedWithoutVerification(0), "Applied 0 objects; verification is off"],
  [followingHelmRelease(1, "web"), "Following 1 object of Helm release web."],
  [followingHelmRelease(4, "web"), "Following 4 objects of Helm release web."],
];

for (const [actual, expected] of rows) test(`"${expected}"`, () => assert.equal(actual, expected));
