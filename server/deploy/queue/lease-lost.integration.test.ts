// An instance alive but too slow to renew its lease (issue 13): another instance took the
// deployment over meanwhile. At its next heartbeat the first instance stops running the step, and
// it must not write "The server is stopping" into the task log: that is not true, and the step's
// task log is numbered by the instance that took over now (a line from here would take one of its
// numbers). The true reason, naming both instances, goes to the first instance's server log.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import pino from "pino";
import { useSandbox, type Sandbox } from "../../../sandbox/testing.ts";
import type { TestDatabase } from "../../testing/test-database.ts";
import { appContext } from "../../context.ts";
import { AppsV1Api } from "@kubernetes/client-node";
import { createExecutor, type DeploymentExecutor } from "../executor.ts";
import { engineEvents } from "../engine-events.ts";
import { loadDeployment, queueDeployment, setUpDeployments, type RawStep } from "../testing/deploy-harness.ts";

let sandbox: Sandbox;
let database: TestDatabase;
let environmentId: string;
let executor: DeploymentExecutor | undefined;

before(async () => {
  sandbox = await useSandbox();
  ({ database, environmentId } = await setUpDeployments(sandbox));
});
after(async () => {
  await executor?.stop();
  await appContext().executor.stop();
  await database.cleanup();
  await sandbox.cleanup();
});

async function until<T>(what: string, read: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const slowDeployment = (namespace: string): RawStep => ({
  type: "kubernetes-yaml",
  name: "Slow",
  config: {
    yaml: `apiVersion: apps/v1
kind: Deployment
metadata: { name: slow, namespace: ${namespace} }
spec:
  replicas: 1
  selector: { matchLabels: { app: slow } }
  template:
    metadata: { labels: { app: slow }, annotations: { sandbox.kdeploy.dev/ready-after: "60s" } }
    spec: { containers: [{ name: app, image: "nginx:1.27" }] }
`,
  },
  verification: { timeoutSeconds: 120, stabilizationSeconds: 1 },
});

test("an instance that lost its lease to another stops the step without a stop line in the task log, and names both instances in its server log", async () => {
  const serverLog: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) serverLog.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  executor = createExecutor(database.db, appContext().sealer, pino({ level: "info" }, destination), {
    queue: { instanceId: "instance-a", leaseMs: 4_000, heartbeatMs: 300, pollMs: 0 },
  });
  const namespace = await sandbox.createNamespace("lease-lost");
  const id = await queueDeployment(environmentId, [slowDeployment(namespace)], executor);
  await executor.recover();
  await until("instance-a tracks the step", () => database.db.stepRun.findFirst({ where: { deploymentId: id, objects: { some: { topLevel: true } } } }));

  // A row change A has not checkpointed yet (its checkpoints are a second apart): a second pod.
  const secondPod = new Promise<void>((resolve) => {
    const listener = (event: { deploymentId: string; batch: { upserts: { kind: string }[] } }) => {
      if (event.deploymentId !== id || !event.batch.upserts.some((row) => row.kind === "Pod")) return;
      engineEvents().off("rows", listener);
      resolve();
    };
    engineEvents().on("rows", listener);
  });
  const apps = sandbox.kubeConfig.makeApiClient(AppsV1Api);
  const current = await apps.readNamespacedDeployment({ name: "slow", namespace });
  await apps.replaceNamespacedDeployment({ name: "slow", namespace, body: { ...current, spec: { ...current.spec!, replicas: 2 } } });
  await secondPod;
  // Instance B takes the deployment over (as claimNext does once A's lease has expired), while A lives on.
  await database.db.deployment.update({ where: { id }, data: { claimedBy: "instance-b", leaseExpiresAt: new Date(Date.now() + 60_000) } });
  const atTakeover = await loadDeployment(id);
  const said = await until("instance-a to say it lost the lease", async () =>
    serverLog.find((line) => typeof line.msg === "string" && line.msg.startsWith("instance instance-a lost its lease")),
  );
  assert.equal(
    said.msg,
    "instance instance-a lost its lease on this deployment; instance instance-b took it over: this instance stops running the step and leaves its task log to that instance",
  );
  assert.equal(said.takenOverBy, "instance-b");
  // A late task-log write of A would show up within its 250 ms batching; then A stops.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  await executor.stop();
  executor = undefined;

  const { deployment, runs, log } = await loadDeployment(id);
  assert.equal(deployment.status, "Running", "still running: on instance-b now");
  assert.equal(deployment.claimedBy, "instance-b");
  const run = runs[0]!;
  assert.equal(run.status, "Running");
  assert.equal(run.frozenAt, null);
  assert.doesNotMatch(log(), /The server is stopping/);
  assert.deepEqual(
    run.logLines.map((line) => line.seq),
    run.logLines.map((_, i) => i + 1),
  );
  // Nothing A had pending when it lost the lease was written: the rows, their sequence number,
  // their history and the task log are as B found them.
  const before = atTakeover.runs[0]!;
  const podRows = (objects: { kind: string; objectKey: string }[]) =>
    objects
      .filter((row) => row.kind === "Pod")
      .map((row) => row.objectKey)
      .sort();
  assert.deepEqual(podRows(run.objects), podRows(before.objects), "no pod row checkpointed by A after the takeover");
  assert.equal(run.lastSequence, before.lastSequence);
  assert.equal(run.transitions.length, before.transitions.length);
  assert.deepEqual(
    run.logLines.map((line) => line.seq),
    before.logLines.map((line) => line.seq),
  );
});
