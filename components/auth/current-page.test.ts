// The main navigation marks the entry of the page being shown (issue 11: it marked none).
import assert from "node:assert/strict";
import { test } from "node:test";
import { isCurrentSection } from "./current-page.ts";

const rows: readonly [href: string, pathname: string | null, current: boolean][] = [
  ["/", "/", true],
  ["/", "/projects/abc", true],
  ["/", "/projects/abc/steps/new", true],
  ["/", "/deployments", false],
  ["/deployments", "/deployments", true],
  ["/deployments", "/deployments/xyz", true],
  ["/deployments", "/deploymentsx", false],
  ["/environments", "/environments/new", true],
  ["/audit", "/audit/snapshots/1", true],
  ["/admin/users", "/admin/settings", false],
  ["/admin/settings", "/admin/settings", true],
  ["/account", "/account", true],
  ["/environments", null, false],
];

for (const [href, pathname, current] of rows) {
  test(`${href} on ${pathname}: ${current ? "current" : "not current"}`, () => assert.equal(isCurrentSection(href, pathname), current));
}
