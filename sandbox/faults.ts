// Fault hooks on a running sandbox's real processes, for the fault-injection suite
// (`npm run test:faults`, docs/reliability.md). Each keeps sandbox.json true: a restarted
// process is recorded under its new pid, so `cli.ts stop` and `status` still see it.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { Agent, request } from "node:https";
import { request as httpRequest } from "node:http";
import { isRunning, startDetached } from "./lib/processes";
import { writeState, type SandboxState } from "./lib/state";

function component(state: SandboxState, name: string) {
  const index = state.processes.findIndex((p) => p.name === name);
  if (index < 0) throw new Error(`sandbox has no ${name} process`);
  return { index, process: state.processes[index]! };
}

async function until(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`sandbox: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function apiserverReady(state: SandboxState): Promise<boolean> {
  const agent = new Agent({
    ca: readFileSync(state.caCertificate),
    cert: readFileSync(state.clientCertificate),
    key: readFileSync(state.clientKey),
  });
  return new Promise((resolve) => {
    const req = request(`${state.serverUrl}/readyz`, { agent, timeout: 2_000 }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode === 200));
    });
    req.on("error", () => resolve(false));
    req.on("timeout", () => req.destroy());
    req.end();
  });
}

/**
 * Kills the sandbox's kube-apiserver (SIGKILL, as in a crash: SIGTERM's graceful shutdown takes
 * over 10 s with watches open): its port refuses
 * connections and every open watch is cut. Returns a function that starts it again with the same
 * command line and resolves once /readyz answers 200 (etcd keeps the cluster's data).
 */
export async function stopApiserver(state: SandboxState): Promise<{ stoppedAt: number; start(): Promise<{ startedAt: number; readyAt: number }> }> {
  const { index, process: old } = component(state, "kube-apiserver");
  if (!isRunning(old.pid, old.binary)) throw new Error("kube-apiserver is not running");
  const args = readFileSync(`/proc/${old.pid}/cmdline`, "utf8").split("\0").filter(Boolean).slice(1);
  process.kill(old.pid, "SIGKILL");
  await until(async () => !isRunning(old.pid, old.binary), 10_000, "kube-apiserver to exit");
  const stoppedAt = Date.now();
  return {
    stoppedAt,
    async start() {
      const dirs = { logs: dirname(old.logFile), run: join(state.workDir, "run") };
      const startedAt = Date.now();
      const started = startDetached(old.name, old.binary, args, dirs);
      // In place: the test process's exit hook (sandbox/testing.ts) reads this same array.
      state.processes[index] = started;
      state.pids[old.name] = started.pid;
      writeState(state);
      await until(() => apiserverReady(state), 120_000, "kube-apiserver /readyz after its restart");
      return { startedAt, readyAt: Date.now() };
    },
  };
}

function etcdCall(state: SandboxState, path: string, body: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`http://127.0.0.1:${state.ports.etcdClient}${path}`, { method: "POST", headers: { "content-type": "application/json" } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => {
        if (res.statusCode !== 200) return reject(new Error(`etcd ${path}: HTTP ${res.statusCode} ${text}`));
        resolve(JSON.parse(text) as Record<string, unknown>);
      });
    });
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
}

/**
 * Compacts etcd's history up to its current revision (etcd's v3 JSON gateway on the client URL):
 * every resourceVersion older than now is gone from etcd. Two writes to a key outside the API
 * server's /registry first move the revision on, so that a resourceVersion that was current a
 * moment ago (a quiet cluster) is gone too. Returns the revision compacted to.
 */
export async function compactEtcd(state: SandboxState): Promise<number> {
  const key = Buffer.from("/kdeploy-sandbox-faults/compaction").toString("base64");
  for (const value of ["1", "2"]) await etcdCall(state, "/v3/kv/put", { key, value: Buffer.from(value).toString("base64") });
  const range = await etcdCall(state, "/v3/kv/range", { key: Buffer.from("/").toString("base64"), limit: 1 });
  const revision = Number((range.header as { revision: string }).revision);
  await etcdCall(state, "/v3/kv/compaction", { revision: String(revision), physical: true });
  return revision;
}
