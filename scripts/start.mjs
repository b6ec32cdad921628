#!/usr/bin/env node
// `npm start`: builds the web app when the sources changed since the last build, then runs the
// production server on the embedded SQLite database (http://127.0.0.1:3000; PORT, HOST and
// DATABASE_URL change that, see the README).
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { spawnSync, spawn } from "node:child_process";
import { clearInterval, setInterval } from "node:timers";
import { constants as osConstants } from "node:os";

const sourceRoots = ["app", "components", "server", "next.config.ts", "postcss.config.mjs", "package-lock.json"];
const stampFile = ".next/kdeploy-source-hash";

function hashSources() {
  const hash = createHash("sha256");
  const visit = (path) => {
    if (!existsSync(path) || path.includes("generated") || path.includes("__tests__")) return;
    const stat = statSync(path);
    if (stat.isDirectory()) for (const entry of readdirSync(path).sort()) visit(join(path, entry));
    else hash.update(path).update(String(stat.size)).update(String(stat.mtimeMs));
  };
  sourceRoots.forEach(visit);
  return hash.digest("hex");
}

// KDEPLOY_START_ENTRY (tests only) runs another entry point and skips the build, so the signal
// handling below can be tested without a web build.
const entry = process.env.KDEPLOY_START_ENTRY || "server/index.ts";
// Next.js telemetry would try to reach its vendor on every build; a self-hosted tool keeps quiet.
process.env.NEXT_TELEMETRY_DISABLED = "1";
if (!process.env.KDEPLOY_START_ENTRY) {
  const current = hashSources();
  const built = existsSync(stampFile) ? readFileSync(stampFile, "utf8") : "";
  if (current !== built || !existsSync(".next/BUILD_ID")) {
    console.log("Building the web app (first start, or the sources changed)…");
    const build = spawnSync("npx", ["next", "build"], { stdio: "inherit" });
    if (build.status !== 0) process.exit(build.status ?? 1);
    writeFileSync(stampFile, current);
  }
}
// The server is this Node's direct child (no npx, no tsx wrapper process in between): a signal
// sent to `npm start` or to this script reaches it, and it never outlives us holding the port.
const server = spawn(process.execPath, ["--import", "tsx", entry], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
const forwarded = ["SIGINT", "SIGTERM", "SIGHUP"];
for (const signal of forwarded) process.on(signal, () => server.kill(signal));
// `npm start` itself dies on SIGTERM without passing it on (npm 11), leaving this script an
// orphan: when the parent that started us is gone, stop the server as if it had been signalled.
const parent = process.ppid;
const orphanWatch = setInterval(() => {
  if (process.ppid !== parent) {
    clearInterval(orphanWatch);
    server.kill("SIGTERM");
  }
}, 500);
server.on("exit", () => clearInterval(orphanWatch));
server.on("error", (error) => {
  console.error(`kdeploy could not start: ${error.message}`);
  process.exit(1);
});
// The child's exit code, or 128 + the signal number when a signal ended it (as a shell reports it).
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 128 + (osConstants.signals[signal] ?? 0) : 1)));
