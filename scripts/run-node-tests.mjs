#!/usr/bin/env node
// Runs the Node test runner (with tsx for TypeScript) on one suite:
//   unit:        **/*.test.ts that are not *.integration.test.ts (no cluster, no database server)
//   integration: **/*.integration.test.ts (need the sandbox cluster and/or PostgreSQL)
//   faults:      **/*.faults.test.ts (fault injection on the sandbox's real processes: restarts the
//                kube-apiserver, compacts etcd; see docs/reliability.md)
// Node 20's test runner has no glob support, so the files are found here.
// Extra arguments are passed through (e.g. a file filter: `npm run test:unit -- steps`).
// The database of integration and fault tests is KDEPLOY_TEST_DATABASE (sqlite, the default, or
// postgresql; server/testing/test-database.ts). With postgresql only the files that use that
// database run (they call setUpDeployments or testDatabaseProvider): the others touch no
// database, or already cover both providers in one run (testProviders), and ran in the SQLite pass.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { spawnSync } from "node:child_process";

const suite = process.argv[2];
const filters = process.argv.slice(3);
if (suite !== "unit" && suite !== "integration" && suite !== "faults") {
  console.error("usage: run-node-tests.mjs unit|integration|faults [path-filter ...]");
  process.exit(2);
}
const roots = ["server", "sandbox", "prisma", "scripts", "bench", "components", "app", "deploy"];
const skip = new Set(["node_modules", ".next", "go", "generated"]);
const files = [];
function walk(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skip.has(entry.name)) walk(path);
    } else if (/\.test\.tsx?$/.test(entry.name)) {
      const kind = /\.integration\.test\.tsx?$/.test(entry.name) ? "integration" : /\.faults\.test\.tsx?$/.test(entry.name) ? "faults" : "unit";
      if (kind === suite) files.push(relative(".", path));
    }
  }
}
roots.forEach(walk);
const postgresPass = suite !== "unit" && process.env.KDEPLOY_TEST_DATABASE === "postgresql";
const followsTheDatabase = (file) => /\b(setUpDeployments|testDatabaseProvider)\(/.test(readFileSync(file, "utf8"));
const selected = files
  .sort()
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .filter((f) => !postgresPass || followsTheDatabase(f));
if (selected.length === 0) {
  console.error(`no ${suite} test files found${filters.length ? ` for ${filters.join(" ")}` : ""}${postgresPass ? " that use the database" : ""}`);
  process.exit(1);
}
const concurrency = suite === "unit" ? "2" : "1";
const result = spawnSync(process.execPath, ["--import", "tsx", "--test", `--test-concurrency=${concurrency}`, "--test-reporter=spec", ...selected], {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "test" },
});
process.exit(result.status ?? 1);
