// Browser scenario, server side: the real production server (server/index.ts: Next's build in
// KDEPLOY_NEXT_DIST_DIR, Socket.IO, a fresh SQLite file) in this process, so the bench can feed its
// live tables through the engine's own event bus, as the tracker of a running step would. Two
// seeded running steps: "expanded" (1,000 Deployments × 1 ReplicaSet × 8 pods = 10,000 rows, every
// parent under the collapse limit) and "collapsed" (20 Deployments × 1 ReplicaSet × 499 pods).
// Protocol on stdout, lines starting with "@@bench ": {"ready":…} once listening; commands on
// stdin: "delta <rows> <tag>" (one batch changing the first <rows> pods of "expanded": status and
// message; prints {"emitted":…}) and "quit".
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { ObjectRowView } from "../../server/contracts/object-status.ts";

const port = Number(process.env.BENCH_BROWSER_PORT ?? 3347);
const dataDir = mkdtempSync(join(tmpdir(), "kdeploy-bench-browser-"));
export const BENCH_ADMIN = { email: "bench-admin@example.test", password: "bench-browser-password-1234" };
Object.assign(process.env, {
  NODE_ENV: "production",
  KDEPLOY_DATA_DIR: dataDir,
  DATABASE_URL: `file:${join(dataDir, "bench.db")}`,
  HOST: "127.0.0.1",
  PORT: String(port),
  LOG_LEVEL: "warn",
  KDEPLOY_ADMIN_EMAIL: BENCH_ADMIN.email,
  KDEPLOY_ADMIN_PASSWORD: BENCH_ADMIN.password,
  KDEPLOY_SIGN_IN_ATTEMPTS_PER_MINUTE: "60",
});
const say = (value: unknown) => process.stdout.write(`@@bench ${JSON.stringify(value)}\n`);

await import("../../server/index.ts");
const url = `http://127.0.0.1:${port}`;
for (let tries = 0; ; tries++) {
  const ok = await fetch(`${url}/api/health`).then(
    (response) => response.ok,
    () => false,
  );
  if (ok) break;
  if (tries > 600) throw new Error("the server did not answer /api/health within 60 s");
  await new Promise((resolve) => setTimeout(resolve, 100));
}
const { appContext } = await import("../../server/context.ts");
const { engineEvents } = await import("../../server/deploy/engine-events.ts");
const { seedRunningStep } = await import("../lib/seed-step-run.ts");
const db = appContext().db;
const events = engineEvents();

const at = new Date("2030-01-01T00:00:00.000Z").toISOString();
const view = (key: string, parentKey: string | null, kind: string, name: string, fields: Partial<ObjectRowView> = {}): ObjectRowView => ({
  key,
  uid: key,
  parentKey,
  apiVersion: kind === "Pod" ? "v1" : "apps/v1",
  kind,
  namespace: "bench",
  name,
  status: "Success",
  message: kind === "Pod" ? "Ready" : "",
  summary: kind === "Pod" ? "1/1" : "",
  lastChangeAt: at,
  ...fields,
});

function tree(deployments: number, pods: number): ObjectRowView[] {
  const rows: ObjectRowView[] = [];
  for (let d = 0; d < deployments; d++) {
    const app = `app-${String(d).padStart(4, "0")}`;
    rows.push(view(`d/${app}`, null, "Deployment", app, { summary: `ready ${pods}/${pods}` }));
    rows.push(view(`rs/${app}`, `d/${app}`, "ReplicaSet", `${app}-5d8f7b9c4`));
    for (let p = 0; p < pods; p++) rows.push(view(`pod/${app}/${p}`, `rs/${app}`, "Pod", `${app}-5d8f7b9c4-${p.toString(36).padStart(5, "x")}`));
  }
  return rows;
}

const steps = {
  expanded: { ...(await seedRunningStep(db, "browser-expanded")), rows: tree(1_000, 8), seq: 0 },
  collapsed: { ...(await seedRunningStep(db, "browser-collapsed")), rows: tree(20, 499), seq: 0 },
};
for (const step of Object.values(steps)) {
  step.seq++;
  events.emit("rows", { deploymentId: step.deploymentId, batch: { stepRunId: step.stepRunId, seq: step.seq, upserts: step.rows, removals: [] } });
  events.emit("step", { deploymentId: step.deploymentId, stepRunId: step.stepRunId, status: "Running", phase: { name: "tracking", deadlineAt: null } });
}
say({
  ready: true,
  url,
  expanded: { deploymentId: steps.expanded.deploymentId, rows: steps.expanded.rows.length },
  collapsed: { deploymentId: steps.collapsed.deploymentId, rows: steps.collapsed.rows.length },
});

for await (const line of createInterface({ input: process.stdin })) {
  const [command, count, tag] = line.trim().split(/\s+/);
  if (command === "delta") {
    const step = steps.expanded;
    const pods = step.rows.filter((row) => row.kind === "Pod").slice(0, Number(count));
    const upserts = pods.map((row) => ({ ...row, status: "InProgress" as const, message: `delta ${tag}`, lastChangeAt: new Date().toISOString() }));
    step.seq++;
    events.emit("rows", { deploymentId: step.deploymentId, batch: { stepRunId: step.stepRunId, seq: step.seq, upserts, removals: [] } });
    say({ emitted: upserts.length, seq: step.seq });
  } else if (command === "quit") break;
}
process.kill(process.pid, "SIGTERM"); // the server's own graceful shutdown
