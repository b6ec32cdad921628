// Resuming after a restart (docs/status-engine.md, "Restarts"): a graceful stop checkpoints a
// tracking step and leaves its deployment Running; a SIGKILLed process leaves what it had
// checkpointed; either way the next executor on the same database resumes tracking from the
// stored rows, with the original deadline and the row sequence numbers continued, and ends the
// step with a complete frozen snapshot. A step whose target is gone fails with the reason and
// keeps its rows.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { CoreV1Api } from "@kubernetes/client-node";
import { randomBytes } from "node:crypto";
import { useSandbox, type Sandbox } from "../../sandbox/testing.ts";
import type { TestDatabase } from "../testing/test-database.ts";
import { appContext } from "../context.ts";
import { logger } from "../logging.ts";
import { createSealer } from "../security/credentials.ts";
import { createEnvironment } from "../process/environments.ts";
import { targetInput } from "../contracts/environments.ts";
import { engineEvents } from "./engine-events.ts";
import { createExecutor, type DeploymentExecutor } from "./executor.ts";
import { RESUMED_SEQUENCE_GAP } from "./run-step.ts";
import {
  deploymentFinished,
  loadDeployment,
  queueDeployment,
  sandboxEnvironment,
  sandboxTarget,
  setUpDeployments,
  type RawStep,
} from "./testing/deploy-harness.ts";
import { assertHistoryKept } from "./testing/history.ts";
import { loadStepHistory } from "../store/transitions.ts";

let sandbox: Sandbox;
let database: TestDatabase;
let environmentId: string;
const executors: DeploymentExecutor[] = [];

before(async () => {
  sandbox = await useSandbox();
  ({ database, environmentId } = await setUpDeployments(sandbox));
});
after(async () => {
  for (const executor of executors) await executor.stop();
  await appContext().executor.stop();
  await database.cleanup();
  await sandbox.cleanup();
});

const newExecutor = (name: string, sealer = appContext().sealer) => {
  const executor = createExecutor(database.db, sealer, logger().child({ test: name }));
  executors.push(executor);
  return executor;
};

/** Pods Ready only after a while: the step is still tracking when the executor stops. */
const slowDeployment = (name: string, namespace: string): RawStep => ({
  type: "kubernetes-yaml",
  name: "Slow",
  config: {
    yaml: `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: ${namespace} }
spec:
  replicas: 1
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} }, annotations: { sandbox.kdeploy.dev/ready-after: "6s" } }
    spec: { containers: [{ name: app, image: "nginx:1.27" }] }
`,
  },
  verification: { timeoutSeconds: 120, stabilizationSeconds: 3 },
});

/** Resolves once the step of this deployment has its top-level rows checkpointed. */
async function checkpointed(deploymentId: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await database.db.stepRun.findFirst({ where: { deploymentId, objects: { some: { topLevel: true } } } });
    if (run) return run;
    if (Date.now() > deadline) throw new Error(`no checkpointed row for deployment ${deploymentId} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The row batches emitted for a step from now on. */
function rowBatches(stepRunId: string): { seq: number }[] {
  const batches: { seq: number }[] = [];
  engineEvents().on("rows", (event: { batch: { stepRunId: string; seq: number } }) => {
    if (event.batch.stepRunId === stepRunId) batches.push(event.batch);
  });
  return batches;
}

const utc = (at: Date) => `${at.toISOString().slice(0, 19).replace("T", " ")} UTC`;

test("a graceful stop leaves the step Running; the next executor resumes tracking to a complete snapshot, deadline unchanged", async () => {
  const ns = await sandbox.createNamespace("resume");
  const first = appContext().executor;
  const id = await queueDeployment(environmentId, [slowDeployment("slow", ns)]);
  const tracking = await checkpointed(id);
  await first.stop();
  const stoppedAt = Date.now();
  const history = await loadStepHistory(database.db, tracking.id);

  const stopped = await loadDeployment(id);
  assert.equal(stopped.deployment.status, "Running", stopped.log());
  const run = stopped.runs[0]!;
  assert.equal(run.status, "Running");
  assert.equal(run.frozenAt, null, "not frozen by the stop");
  assert.ok(run.deadlineAt);
  assert.ok(
    run.objects.some((row) => row.kind === "Deployment" && row.manifest !== null),
    "the applied manifest is checkpointed",
  );
  assert.ok(run.lastSequence > 0);
  assert.match(stopped.log(), /The server is stopping; tracking resumes when it starts again\./);
  assert.ok(stopped.deployment.leaseExpiresAt && stopped.deployment.leaseExpiresAt.getTime() <= Date.now(), "the stop ended its lease");

  const batches = rowBatches(tracking.id);
  const second = newExecutor("resume-graceful");
  const finished = deploymentFinished(id);
  await second.recover();
  await finished;

  const { deployment, runs, log } = await loadDeployment(id);
  assert.equal(deployment.status, "Succeeded", log());
  const resumed = runs[0]!;
  assert.equal(resumed.status, "Succeeded", log());
  assert.ok(resumed.frozenAt);
  assert.equal(resumed.deadlineAt?.toISOString(), run.deadlineAt.toISOString(), "the deadline is unchanged");
  assert.equal(resumed.startedAt?.toISOString(), run.startedAt?.toISOString());
  const kinds = resumed.objects.map((row) => row.kind).sort();
  assert.deepEqual([...new Set(kinds)], ["Deployment", "Pod", "ReplicaSet"], `${kinds}`);
  assert.ok(resumed.objects.every((row) => row.status === "Success" && row.frozenAt));
  assert.ok(resumed.objects.find((row) => row.kind === "Deployment")!.manifest, "the manifest is kept in the snapshot");
  assert.match(log(), new RegExp(`Tracking resumed after a server restart at .*; the step's timeout still ends at ${utc(run.deadlineAt)}\\.`));
  assert.doesNotMatch(log(), /applied again/, "server-side apply is not repeated");
  assert.equal((log().match(/with server-side apply/g) ?? []).length, 1);
  assert.equal(batches[0]?.seq, run.lastSequence + RESUMED_SEQUENCE_GAP + 1, "the row sequence continues, in a new range");
  assert.ok(resumed.lastSequence > run.lastSequence);
  assertHistoryKept(history, resumed.transitions, stoppedAt);
});

test("a resumed step whose target was deleted fails with the reason and keeps its rows", async () => {
  const ns = await sandbox.createNamespace("resume-gone");
  const envId = await sandboxEnvironment(sandbox, "resume-gone");
  const first = newExecutor("gone-first");
  const id = await queueDeployment(envId, [slowDeployment("gone", ns), { ...slowDeployment("after", ns), name: "After" }], first);
  await checkpointed(id);
  await first.stop();
  await database.db.kubernetesTarget.delete({ where: { environmentId: envId } });

  const second = newExecutor("gone-second");
  const finished = deploymentFinished(id);
  await second.recover();
  await finished;
  const { deployment, runs, log } = await loadDeployment(id);
  assert.equal(deployment.status, "Failed");
  const run = runs[0]!;
  assert.equal(run.status, "Failed", log());
  assert.equal(run.outcomeMessage, 'Not resumed after a server restart: Environment "resume-gone" has no Kubernetes target');
  assert.ok(run.frozenAt);
  const deploymentRow = run.objects.find((row) => row.kind === "Deployment");
  assert.ok(deploymentRow, "the checkpointed rows are kept");
  assert.ok(deploymentRow.manifest);
  assert.ok(run.objects.every((row) => row.status !== "InProgress" && row.frozenAt));
  assert.match(log(), /Tracking cannot resume after the server restart: Environment "resume-gone" has no Kubernetes target\./);
  assert.equal(runs[1]!.status, "NotExecuted");
});

test("SIGKILL while tracking: a second executor resumes the step from the checkpointed rows to a complete snapshot", async () => {
  const ns = await sandbox.createNamespace("resume-kill");
  const key = randomBytes(32);
  const sealer = createSealer(key);
  const envId = (await createEnvironment(database.db, sealer, { name: "resume-kill", description: "", target: sandboxTarget(sandbox) })).id;
  const id = await queueDeployment(envId, [slowDeployment("killed", ns)], null, sealer);

  const child = spawn(process.execPath, ["--import", "tsx", "server/deploy/testing/executor-process.ts"], {
    env: { ...process.env, KDEPLOY_RESUME_DATABASE_URL: database.url, KDEPLOY_RESUME_SEALER_KEY: key.toString("hex") },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once("exit", (_code, signal) => resolve(signal)));
  try {
    // The child starts tsx and the database client first: 23 s to its first checkpoint under a
    // load average of 24 on SQLite and on PostgreSQL alike, so more than the default 30 s of margin.
    const tracking = await checkpointed(id, 90_000);
    child.kill("SIGKILL");
    assert.equal(await exited, "SIGKILL");
    const killedAt = Date.now();
    const killed = await loadDeployment(id);
    assert.equal(killed.deployment.status, "Running");
    assert.doesNotMatch(killed.log(), /The server is stopping/, "no graceful stop");
    const history = killed.runs[0]!.transitions;
    const lastSequence = (await database.db.stepRun.findUniqueOrThrow({ where: { id: tracking.id } })).lastSequence;

    const batches = rowBatches(tracking.id);
    const second = newExecutor("resume-killed", sealer);
    const finished = deploymentFinished(id);
    await second.recover();
    await finished;
    const { deployment, runs, log } = await loadDeployment(id);
    assert.equal(deployment.status, "Succeeded", log());
    const run = runs[0]!;
    assert.equal(run.status, "Succeeded");
    assert.ok(run.frozenAt);
    assert.equal(run.deadlineAt?.toISOString(), tracking.deadlineAt?.toISOString());
    assert.deepEqual([...new Set(run.objects.map((row) => row.kind).sort())], ["Deployment", "Pod", "ReplicaSet"]);
    assert.ok(run.objects.every((row) => row.status === "Success"));
    assert.match(log(), /Tracking resumed after a server restart at /);
    assert.equal(batches[0]?.seq, lastSequence + RESUMED_SEQUENCE_GAP + 1);
    assertHistoryKept(history, run.transitions, killedAt);
  } finally {
    child.kill("SIGKILL");
  }
});

test("a Helm step found Running after a crash is not resumed: it fails with the reason and keeps its rows", async () => {
  const ns = await sandbox.createNamespace("resume-helm");
  const id = await queueDeployment(
    environmentId,
    [
      {
        type: "helm-chart",
        name: "Chart",
        config: { chart: { source: "path", path: resolve("server/deploy/__fixtures__/charts/tiny-app") }, releaseName: "tiny", namespace: ns },
      },
    ],
    null,
  );
  // What a process killed while Helm ran leaves behind: the step Running, one checkpointed row.
  const step = await database.db.stepRun.findFirstOrThrow({ where: { deploymentId: id } });
  await database.db.deployment.update({ where: { id }, data: { status: "Running", startedAt: new Date() } });
  await database.db.stepRun.update({ where: { id: step.id }, data: { status: "Running", startedAt: new Date(), lastSequence: 3 } });
  await database.db.objectRow.create({
    data: {
      stepRunId: step.id,
      objectKey: `Deployment/${ns}/tiny`,
      uid: `Deployment/${ns}/tiny`,
      topLevel: true,
      apiVersion: "apps/v1",
      kind: "Deployment",
      namespace: ns,
      name: "tiny",
      status: "InProgress",
      message: "0 of 1 replicas ready",
      lastChangeAt: new Date(),
      manifest: { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "tiny", namespace: ns } },
    },
  });
  const executor = newExecutor("resume-helm");
  const finished = deploymentFinished(id);
  await executor.recover();
  await finished;
  const { deployment, runs, log } = await loadDeployment(id);
  assert.equal(deployment.status, "Failed");
  const run = runs[0]!;
  assert.equal(run.status, "Failed", log());
  assert.match(run.outcomeMessage, /^The server restarted while Helm was running; a Helm step cannot be resumed/);
  assert.ok(run.frozenAt);
  assert.equal(run.lastSequence, 3);
  assert.equal(run.objects.length, 1);
  assert.equal(run.objects[0]!.status, "TimedOut");
  assert.ok(run.objects[0]!.manifest, "the manifest is kept");
});

/** Puts a queued deployment in the state a killed process leaves it in: deployment and step Running. */
async function leftRunning(deploymentId: string, step: { startedAt: Date; deadlineAt?: Date }) {
  const run = await database.db.stepRun.findFirstOrThrow({ where: { deploymentId } });
  await database.db.deployment.update({ where: { id: deploymentId }, data: { status: "Running", startedAt: step.startedAt } });
  await database.db.stepRun.update({ where: { id: run.id }, data: { status: "Running", ...step } });
  return run;
}

test("a step killed before its rows were checkpointed is applied again and tracked to the end", async () => {
  const ns = await sandbox.createNamespace("resume-apply");
  const id = await queueDeployment(environmentId, [{ type: "kubernetes-yaml", name: "Config", config: { yaml: configMapYaml("settings", ns) } }], null);
  await leftRunning(id, { startedAt: new Date() });
  const finished = deploymentFinished(id);
  await newExecutor("resume-apply").recover();
  await finished;
  const { deployment, runs, log } = await loadDeployment(id);
  assert.equal(deployment.status, "Succeeded", log());
  assert.equal(runs[0]!.status, "Succeeded");
  assert.match(log(), /before this step finished applying: its objects are applied again/);
  assert.match(log(), /Applied 1 object with server-side apply\./);
  assert.match(log(), /Tracking resumed after a server restart at .*; the step's timeout still ends at /);
  assert.equal(runs[0]!.objects[0]?.kind, "ConfigMap");
});

test("a step whose timeout ended while the server was down: one look at its objects, then TimedOut", async () => {
  const ns = await sandbox.createNamespace("resume-late");
  const core = sandbox.kubeConfig.makeApiClient(CoreV1Api);
  const created = await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: "late", namespace: ns }, data: { a: "1" } } });
  const id = await queueDeployment(environmentId, [{ type: "kubernetes-yaml", name: "Late", config: { yaml: configMapYaml("late", ns) } }], null);
  const deadlineAt = new Date(Date.now() - 60_000);
  const run = await leftRunning(id, { startedAt: new Date(Date.now() - 120_000), deadlineAt });
  const uid = created.metadata!.uid!;
  await database.db.objectRow.create({
    data: {
      stepRunId: run.id,
      objectKey: uid,
      uid,
      topLevel: true,
      apiVersion: "v1",
      kind: "ConfigMap",
      namespace: ns,
      name: "late",
      status: "InProgress",
      lastChangeAt: new Date(),
      manifest: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "late", namespace: ns } },
    },
  });
  const finished = deploymentFinished(id);
  await newExecutor("resume-late").recover();
  await finished;
  const { runs, log } = await loadDeployment(id);
  assert.equal(runs[0]!.status, "TimedOut", log());
  assert.equal(runs[0]!.outcomeMessage, "Timed out while the server was stopped");
  assert.equal(runs[0]!.deadlineAt?.toISOString(), deadlineAt.toISOString());
  assert.match(log(), new RegExp(`after the step's timeout had ended \\(${utc(deadlineAt)}\\)`));
  assert.equal(runs[0]!.objects.length, 1);
  assert.equal(runs[0]!.objects[0]!.status, "Success", "the object as the cluster has it now");
  assert.doesNotMatch(log(), /with server-side apply/, "not applied again");
});

const configMapYaml = (name: string, namespace: string) => `apiVersion: v1
kind: ConfigMap
metadata: { name: ${name}, namespace: ${namespace} }
data: { a: "1" }
`;

test("a resumed step whose cluster cannot be reached fails with the reason after retrying, rows kept", async () => {
  const unreachable = targetInput.parse({ authKind: "token", serverUrl: "https://127.0.0.1:9", token: "t", insecureSkipTlsVerify: true });
  const envId = await sandboxEnvironment(sandbox, "resume-unreachable", unreachable);
  const id = await queueDeployment(envId, [{ type: "kubernetes-yaml", name: "Far", config: { yaml: configMapYaml("far", "default") } }], null);
  const run = await leftRunning(id, { startedAt: new Date(), deadlineAt: new Date(Date.now() + 600_000) });
  await database.db.objectRow.create({
    data: {
      stepRunId: run.id,
      objectKey: "uid-far",
      uid: "uid-far",
      topLevel: true,
      apiVersion: "v1",
      kind: "ConfigMap",
      namespace: "default",
      name: "far",
      status: "Success",
      lastChangeAt: new Date(),
      manifest: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "far", namespace: "default" } },
    },
  });
  const executor = createExecutor(database.db, appContext().sealer, logger().child({ test: "resume-unreachable" }), {
    resumeRetry: { firstDelayMs: 10, maxDelayMs: 20, giveUpAfterMs: 100 },
  });
  executors.push(executor);
  const finished = deploymentFinished(id);
  await executor.recover();
  await finished;
  const { runs, log } = await loadDeployment(id);
  assert.equal(runs[0]!.status, "Failed", log());
  assert.match(runs[0]!.outcomeMessage, /^Tracking cannot resume after the server restart at .*: the cluster could not be reached \(/);
  assert.match(log(), /Warning: the cluster cannot be reached to resume tracking/);
  assert.equal(runs[0]!.objects.length, 1, "the checkpointed row is kept");
  assert.equal(runs[0]!.objects[0]!.status, "Success");
  assert.ok(runs[0]!.frozenAt);
});
