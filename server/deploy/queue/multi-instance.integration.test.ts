// Two executors on one database (issue 13, 2): deployments to one environment queued through
// different instances run one after the other, to different environments in parallel; an
// instance SIGKILLed mid-step (the child process of server/deploy/testing/executor-process.ts)
// stops renewing its lease and the other instance takes the deployment over once it expires,
// resuming tracking to a complete snapshot with a contiguous task log that names the takeover.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { CoreV1Api } from "@kubernetes/client-node";
import { useSandbox, type Sandbox } from "../../../sandbox/testing.ts";
import type { TestDatabase } from "../../testing/test-database.ts";
import { appContext } from "../../context.ts";
import { logger } from "../../logging.ts";
import { createSealer } from "../../security/credentials.ts";
import { createEnvironment } from "../../process/environments.ts";
import { engineEvents } from "../engine-events.ts";
import { createExecutor, type DeploymentExecutor } from "../executor.ts";
import { assertHistoryKept } from "../testing/history.ts";
import {
  deploymentFinished,
  loadDeployment,
  queueDeployment,
  sandboxEnvironment,
  sandboxTarget,
  setUpDeployments,
  type RawStep,
} from "../testing/deploy-harness.ts";

let sandbox: Sandbox;
let database: TestDatabase;
const executors: DeploymentExecutor[] = [];

before(async () => {
  sandbox = await useSandbox();
  ({ database } = await setUpDeployments(sandbox));
});
after(async () => {
  for (const executor of executors) await executor.stop();
  await appContext().executor.stop();
  await database.cleanup();
  await sandbox.cleanup();
});

const LEASE_MS = 4_000;
const instance = (instanceId: string, sealer = appContext().sealer) => {
  const executor = createExecutor(database.db, sealer, logger().child({ test: instanceId }), {
    queue: { instanceId, leaseMs: LEASE_MS, heartbeatMs: 1_000, pollMs: 300 },
  });
  executors.push(executor);
  return executor;
};

const configMap = (name: string, namespace: string): RawStep => ({
  type: "kubernetes-yaml",
  name: "Config",
  config: { yaml: `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ${name}, namespace: ${namespace} }\ndata: { a: "1" }\n` },
  verification: { stabilizationSeconds: 2 },
});

const span = async (id: string) => {
  const row = await database.db.deployment.findUniqueOrThrow({ where: { id } });
  assert.equal(row.status, "Succeeded", row.message);
  return { start: row.startedAt!.getTime(), end: row.finishedAt!.getTime(), by: row.claimedBy };
};

test("two instances: one environment's deployments one after the other, different environments in parallel", async () => {
  const ns = await sandbox.createNamespace("queue-two");
  const [a, b] = [instance("instance-a"), instance("instance-b")];
  await Promise.all([a.recover(), b.recover()]);
  try {
    const [shared, left, right] = [
      await sandboxEnvironment(sandbox, "q-shared"),
      await sandboxEnvironment(sandbox, "q-left"),
      await sandboxEnvironment(sandbox, "q-right"),
    ];
    // Every status change of both executors, recorded from before the first deployment exists: the
    // pollers may claim a deployment while the next one is still being created (they did on
    // PostgreSQL, before a listener attached after the queueing had seen anything).
    const seen: { deploymentId: string; status: string }[] = [];
    const record = (event: { deploymentId: string; status: string }) => void seen.push({ deploymentId: event.deploymentId, status: event.status });
    engineEvents().on("deployment", record);
    const ids = {
      first: await queueDeployment(shared, [configMap("first", ns)], null),
      second: await queueDeployment(shared, [configMap("second", ns)], null),
      left: await queueDeployment(left, [configMap("left", ns)], null),
      right: await queueDeployment(right, [configMap("right", ns)], null),
    };
    const ended = (id: string) => seen.some((event) => event.deploymentId === id && (event.status === "Succeeded" || event.status === "Failed"));
    const finished = new Promise<void>((resolve) => {
      const check = () => {
        if (!Object.values(ids).every(ended)) return;
        engineEvents().off("deployment", check);
        resolve();
      };
      engineEvents().on("deployment", check);
      check();
    });
    // Queued through different instances at once.
    a.enqueue(ids.first);
    b.enqueue(ids.second);
    a.enqueue(ids.left);
    b.enqueue(ids.right);
    await finished;
    engineEvents().off("deployment", record);
    // Never two Running in the shared environment, seen from the events of both executors.
    let runningShared = 0;
    let mostShared = 0;
    for (const { deploymentId, status } of seen) {
      if (deploymentId !== ids.first && deploymentId !== ids.second) continue;
      runningShared += status === "Running" ? 1 : status === "Succeeded" || status === "Failed" ? -1 : 0;
      mostShared = Math.max(mostShared, runningShared);
    }

    const [first, second, l, r] = await Promise.all([span(ids.first), span(ids.second), span(ids.left), span(ids.right)]);
    assert.equal(mostShared, 1, "one deployment of the environment at a time");
    const [earlier, later] = first.start <= second.start ? [first, second] : [second, first];
    assert.ok(later.start >= earlier.end, `one after the other: ${JSON.stringify({ earlier, later })}`);
    assert.ok(Math.max(l.start, r.start) < Math.min(l.end, r.end), `different environments overlap: ${JSON.stringify({ l, r })}`);
    const instances = new Set([first.by, second.by, l.by, r.by]);
    assert.ok(
      [...instances].every((by) => by === "instance-a" || by === "instance-b"),
      [...instances].join(),
    );
  } finally {
    // Gone before the next test, even when this one failed: they would claim its deployment first.
    await Promise.all([a.stop(), b.stop()]);
  }
});

/** Pods Ready only after a while: the step is still tracking when the instance is killed. */
const slowDeployment = (name: string, namespace: string): RawStep => ({
  type: "kubernetes-yaml",
  name: "Slow",
  config: {
    yaml: `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: ${namespace} }
spec:
  replicas: 2
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} }, annotations: { sandbox.kdeploy.dev/ready-after: "8s" } }
    spec: { containers: [{ name: app, image: "nginx:1.27" }] }
`,
  },
  verification: { timeoutSeconds: 120, stabilizationSeconds: 2 },
});

async function until<T>(what: string, read: () => Promise<T | null | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test("SIGKILL of the executing instance mid-step: the other takes over once the lease expires, snapshot complete, log contiguous", async () => {
  const ns = await sandbox.createNamespace("queue-kill");
  const key = randomBytes(32);
  const sealer = createSealer(key);
  const envId = (await createEnvironment(database.db, sealer, { name: "q-kill", description: "", target: sandboxTarget(sandbox) })).id;
  const id = await queueDeployment(envId, [slowDeployment("taken", ns)], null, sealer);

  const child = spawn(process.execPath, ["--import", "tsx", "server/deploy/testing/executor-process.ts"], {
    env: {
      ...process.env,
      KDEPLOY_RESUME_DATABASE_URL: database.url,
      KDEPLOY_RESUME_SEALER_KEY: key.toString("hex"),
      KDEPLOY_INSTANCE_ID: "instance-a",
      KDEPLOY_LEASE_MS: String(LEASE_MS),
      KDEPLOY_HEARTBEAT_MS: "1000",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once("exit", (_code, signal) => resolve(signal)));
  try {
    // The child starts tsx and the database client first (over 20 s under a load average of 24).
    const step = await until(
      "instance-a tracks the step",
      () => database.db.stepRun.findFirst({ where: { deploymentId: id, objects: { some: { topLevel: true } } } }),
      90_000,
    );
    // Instance B is up meanwhile; it leaves the deployment alone while A renews the lease.
    const b = instance("instance-b", sealer);
    const takenOver = new Promise<{ from: string; to: string; at: number }>((resolve) =>
      engineEvents().once("lease-takeover", (event) => resolve({ ...event, at: Date.now() })),
    );
    const finished = deploymentFinished(id);
    await b.recover();
    const renewed = (await database.db.deployment.findUniqueOrThrow({ where: { id } })).leaseExpiresAt!;
    await until("a heartbeat of instance-a", async () => {
      const row = await database.db.deployment.findUniqueOrThrow({ where: { id } });
      return row.leaseExpiresAt! > renewed && row.claimedBy === "instance-a";
    });
    child.kill("SIGKILL");
    const killedAt = Date.now();
    assert.equal(await exited, "SIGKILL");
    const killed = await loadDeployment(id);
    assert.equal(killed.deployment.status, "Running");
    assert.equal(killed.deployment.claimedBy, "instance-a");
    const history = killed.runs[0]!.transitions;
    const leaseEnd = killed.deployment.leaseExpiresAt!;

    const event = await takenOver;
    assert.deepEqual({ from: event.from, to: event.to }, { from: "instance-a", to: "instance-b" });
    assert.ok(event.at >= leaseEnd.getTime(), "not before the lease expired");
    assert.ok(event.at - killedAt <= LEASE_MS + 3_000, `taken over ${event.at - killedAt} ms after the kill`);
    await finished;

    const { deployment, runs, log } = await loadDeployment(id);
    assert.equal(deployment.status, "Succeeded", log());
    assert.equal(deployment.claimedBy, "instance-b");
    const run = runs[0]!;
    assert.equal(run.id, step.id);
    assert.equal(run.status, "Succeeded", log());
    assert.equal(run.deadlineAt?.toISOString(), step.deadlineAt?.toISOString(), "the timeout counts from the original start");
    // The snapshot matches the cluster: the Deployment, its ReplicaSet and exactly its pods.
    const pods = await sandbox.kubeConfig.makeApiClient(CoreV1Api).listNamespacedPod({ namespace: ns });
    const rowsOf = (kind: string) => run.objects.filter((row) => row.kind === kind);
    assert.deepEqual(
      rowsOf("Pod")
        .map((row) => row.uid)
        .sort(),
      pods.items.map((pod) => pod.metadata!.uid).sort(),
    );
    assert.equal(rowsOf("Deployment").length, 1);
    assert.equal(rowsOf("ReplicaSet").length, 1);
    assert.ok(run.objects.every((row) => row.status === "Success" && row.frozenAt));
    // The status history from before the kill is kept, nothing stored twice.
    assertHistoryKept(history, run.transitions, killedAt);
    // The task log: numbered 1..n without a gap or a repeat, applied once, the takeover named.
    assert.deepEqual(
      run.logLines.map((line) => line.seq),
      run.logLines.map((_, i) => i + 1),
    );
    assert.equal((log().match(/with server-side apply/g) ?? []).length, 1, log());
    const utc = (at: Date) => `${at.toISOString().slice(0, 19).replace("T", " ")} UTC`;
    assert.match(
      log(),
      new RegExp(`Tracking resumed on instance instance-b after instance instance-a stopped renewing its lease \\(it expired at ${utc(leaseEnd)}\\)\\.`),
    );
    assert.match(log(), /Tracking resumed after a server restart at /);
  } finally {
    child.kill("SIGKILL");
  }
});
