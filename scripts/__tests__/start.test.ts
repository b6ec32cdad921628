// `npm start` runs scripts/start.mjs, which runs the server as its direct child: a SIGTERM (or
// SIGINT, SIGHUP) sent to start.mjs reaches the server, and start.mjs exits with the server's
// code, leaving no orphan holding the port. The server is replaced by a tiny child
// (KDEPLOY_START_ENTRY) that reports its pid and the signal it got, so no web build is needed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { once } from "node:events";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function startWith(signal: NodeJS.Signals) {
  const dir = mkdtempSync(join(tmpdir(), "kdeploy-start-"));
  const entry = join(dir, "child.ts");
  // Exits with 0 on SIGTERM like the real server's graceful shutdown, 7 on the others.
  writeFileSync(
    entry,
    `for (const s of ["SIGTERM", "SIGINT", "SIGHUP"] as const) process.on(s, () => { console.log("got " + s); process.exit(s === "SIGTERM" ? 0 : 7); });
console.log("child " + process.pid);
setInterval(() => undefined, 1000);
`,
  );
  const start = spawn(process.execPath, [resolve("scripts/start.mjs")], {
    env: { ...process.env, KDEPLOY_START_ENTRY: entry, KDEPLOY_DATA_DIR: dir, PORT: "0" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  const childPid = await new Promise<number>((resolvePid, reject) => {
    start.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /child (\d+)/.exec(output);
      if (match) resolvePid(Number(match[1]));
    });
    start.once("exit", () => reject(new Error(`start.mjs exited early: ${output}`)));
  });
  assert.notEqual(childPid, start.pid, "the server is a separate process");
  const exited = once(start, "close") as Promise<[number | null, string | null]>;
  start.kill(signal);
  const [code] = await exited;
  rmSync(dir, { recursive: true, force: true });
  return { code, childPid, output };
}

test("SIGTERM to start.mjs stops the server, and start.mjs exits with the server's code", async () => {
  const { code, childPid, output } = await startWith("SIGTERM");
  assert.match(output, /got SIGTERM/);
  assert.equal(code, 0);
  assert.equal(alive(childPid), false, "no orphaned server");
});

for (const signal of ["SIGINT", "SIGHUP"] as const) {
  test(`${signal} is forwarded too`, async () => {
    const { code, childPid, output } = await startWith(signal);
    assert.match(output, new RegExp(`got ${signal}`));
    assert.equal(code, 7);
    assert.equal(alive(childPid), false);
  });
}

test("when the process that ran start.mjs dies without passing the signal on (npm does), the server is stopped", { timeout: 15_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "kdeploy-start-"));
  const entry = join(dir, "child.ts");
  writeFileSync(
    entry,
    `process.on("SIGTERM", () => { console.log("got SIGTERM"); process.exit(0); });
console.log("child " + process.pid);
setInterval(() => undefined, 1000);
`,
  );
  // Stands in for npm: starts start.mjs, then is killed outright and forwards nothing.
  const wrapper = spawn(
    process.execPath,
    [
      "-e",
      `require("node:child_process").spawn(process.execPath, [${JSON.stringify(resolve("scripts/start.mjs"))}], { stdio: "inherit" }); setInterval(() => undefined, 1000);`,
    ],
    { env: { ...process.env, KDEPLOY_START_ENTRY: entry, KDEPLOY_DATA_DIR: dir, PORT: "0" }, stdio: ["ignore", "pipe", "inherit"] },
  );
  let output = "";
  const childPid = await new Promise<number>((resolvePid, reject) => {
    wrapper.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /child (\d+)/.exec(output);
      if (match) resolvePid(Number(match[1]));
    });
    wrapper.once("exit", () => reject(new Error(`the wrapper exited early: ${output}`)));
  });
  const gotSignal = new Promise<void>((resolveSignal) => wrapper.stdout.on("data", () => /got SIGTERM/.test(output) && resolveSignal()));
  wrapper.kill("SIGKILL");
  await gotSignal;
  // The server exits right after printing; wait for the process itself to be gone.
  for (let attempt = 0; alive(childPid) && attempt < 100; attempt++) await new Promise((resolveTick) => setTimeout(resolveTick, 50));
  assert.equal(alive(childPid), false, "no orphaned server");
  rmSync(dir, { recursive: true, force: true });
});
