#!/usr/bin/env node
// `npm start`: builds the web app when the sources changed since the last build, then runs the
// production server on the embedded SQLite database (http://127.0.0.1:3000; PORT, HOST and
// DATABASE_URL change that, see the README).
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { spawnSync, spawn } from "node:child_process";

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

// Next.js telemetry would try to reach its vendor on every build; a self-hosted tool keeps quiet.
process.env.NEXT_TELEMETRY_DISABLED = "1";
const current = hashSources();
const built = existsSync(stampFile) ? readFileSync(stampFile, "utf8") : "";
if (current !== built || !existsSync(".next/BUILD_ID")) {
  console.log("Building the web app (first start, or the sources changed)…");
  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
  writeFileSync(stampFile, current);
}
const server = spawn("npx", ["tsx", "server/index.ts"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
