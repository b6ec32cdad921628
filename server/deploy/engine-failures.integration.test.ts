// How steps end when things go wrong, on the sandbox: apply refused part-way (what was applied is
// in the snapshot, the step names the refused object in the API server's words), Helm failing
// (no row stays InProgress in a frozen table), and the executor stopping while steps track or
// Helm runs.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { useSandbox, type Sandbox } from "../../sandbox/testing.ts";
import type { TestDatabase } from "../testing/test-database.ts";
import { appContext } from "../context.ts";
import type { EventEmitter } from "node:events";
import { engineEvents, type EngineEventMap } from "./engine-events.ts";
import { deploy, deploymentFinished, deploymentYaml, loadDeployment, queueDeployment, sandboxEnvironment, setUpDeployments } from "./testing/deploy-harness.ts";

let sandbox: Sandbox;
let database: TestDatabase;
let environmentId: string;
let keepAlive: NodeJS.Timeout;

before(async () => {
  keepAlive = setInterval(() => undefined, 1_000);
  sandbox = await useSandbox();
  ({ database, environmentId } = await setUpDeployments(sandbox));
});
after(async () => {
  clearInterval(keepAlive);
  await appContext().executor.stop();
  await database.cleanup();
  await sandbox.cleanup();
});

test("apply refused at the third object: the step names it in the API server's words; the two applied before are in the snapshot", async () => {
  const ns = await sandbox.createNamespace("partial");
  const yaml = [
    `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: settings, namespace: ${ns} }\ndata: { a: b }\n`,
    deploymentYaml("first", ns, "", 1),
    deploymentYaml("third", ns, "", 1).replace("replicas: 1", 'replicas: "two"'),
  ].join("---\n");
  const { runs, log } = await deploy(environmentId, [{ type: "kubernetes-yaml", name: "Partial", config: { yaml }, verification: { timeoutSeconds: 60 } }]);
  const run = runs[0]!;
  assert.equal(run.status, "Failed", log());
  assert.match(
    run.outcomeMessage,
    new RegExp(`^Could not apply Deployment ${ns}/third \\(HTTP 500[^)]*\\): the value of \\.spec\\.replicas has the wrong type`),
  );
  assert.match(run.outcomeMessage, /API server: failed to create typed patch object .*expected numeric \(int or float\), got string/);
  assert.doesNotMatch(log(), /misspelled/);
  assert.ok(run.frozenAt);
  const topLevel = run.objects.filter((row) => row.topLevel).map((row) => `${row.kind}/${row.name}`);
  assert.deepEqual(topLevel.sort(), ["ConfigMap/settings", "Deployment/first"]);
  assert.equal(run.objects.find((row) => row.kind === "ConfigMap")!.status, "Success");
  assert.ok(
    run.objects.every((row) => row.status !== "InProgress"),
    "a frozen table only holds final words",
  );
  assert.match(log(), /2 objects were applied before the failure/);
});

test("Helm past its --wait timeout: the frozen rows still in progress become TimedOut", async () => {
  const chart = resolve("server/deploy/__fixtures__/charts/tiny-app");
  const ns = await sandbox.createNamespace("helm-timeout");
  const { runs, log } = await deploy(environmentId, [
    {
      type: "helm-chart",
      name: "Chart",
      config: { chart: { source: "path", path: chart }, releaseName: "tiny", namespace: ns, values: "podBehavior: never-ready\n" },
      verification: { timeoutSeconds: 8 },
    },
  ]);
  const run = runs[0]!;
  assert.equal(run.status, "Failed", log());
  const deployment = run.objects.find((row) => row.kind === "Deployment");
  assert.ok(deployment, log());
  assert.equal(deployment.status, "TimedOut");
  assert.match(deployment.message, /^Timed out while in progress: /);
  assert.deepEqual(
    run.objects.filter((row) => row.status === "InProgress").map((row) => `${row.kind}/${row.name}`),
    [],
  );
  assert.ok(run.transitions.some((t) => t.objectKey === deployment.objectKey && t.status === "TimedOut"));
});

function whenEvent<K extends "step" | "log">(kind: K, match: (event: EngineEventMap[K][0]) => boolean): Promise<void> {
  const events = engineEvents() as unknown as EventEmitter;
  return new Promise((resolveEvent) => {
    const listener = (event: EngineEventMap[K][0]) => {
      if (!match(event)) return;
      events.off(kind, listener);
      resolveEvent();
    };
    events.on(kind, listener);
  });
}

// Last: it stops the process's executor.
test("executor.stop() stops the running trackers and Helm at once: a tracking step is checkpointed and stays Running, a Helm step fails and is frozen", async () => {
  const ns = await sandbox.createNamespace("stop");
  // Queued without starting them, started once the listeners are there: the first one reaches
  // tracking while the second is still being created (it did on PostgreSQL, and the test waited forever).
  const id = await queueDeployment(
    environmentId,
    [
      {
        type: "kubernetes-yaml",
        name: "Never ready",
        config: { yaml: deploymentYaml("never", ns, ", sandbox.kdeploy.dev/behavior: never-ready", 1) },
        verification: { timeoutSeconds: 600 },
      },
    ],
    null,
  );
  const helmId = await queueDeployment(
    await sandboxEnvironment(sandbox, "sandbox-stop-helm"),
    [
      {
        type: "helm-chart",
        name: "Chart",
        config: {
          chart: { source: "path", path: resolve("server/deploy/__fixtures__/charts/tiny-app") },
          releaseName: "tiny",
          namespace: ns,
          values: "podBehavior: never-ready\n",
        },
        verification: { timeoutSeconds: 600 },
      },
    ],
    null,
  );
  const running = Promise.all([
    whenEvent("step", (event) => event.deploymentId === id && event.phase.name === "tracking"),
    whenEvent(
      "log",
      (event: { deploymentId: string; lines: { message: string }[] }) =>
        event.deploymentId === helmId && event.lines.some((line) => /Following \d+ objects? of Helm release/.test(line.message)),
    ),
  ]);
  for (const queued of [id, helmId]) appContext().executor.enqueue(queued);
  await running;
  const finished = deploymentFinished(helmId);
  const started = Date.now();
  await appContext().executor.stop();
  await finished;
  assert.ok(Date.now() - started < 30_000, "did not wait for the 600 s timeouts");
  // Resumed by the next start (executor-resume.integration.test.ts).
  const yamlRun = await loadDeployment(id);
  assert.equal(yamlRun.deployment.status, "Running");
  assert.equal(yamlRun.runs[0]!.status, "Running", yamlRun.log());
  assert.equal(yamlRun.runs[0]!.frozenAt, null);
  assert.ok(yamlRun.runs[0]!.objects.length > 0, "rows checkpointed");
  assert.match(yamlRun.log(), /The server is stopping; tracking resumes when it starts again\./);
  const helmRun = await loadDeployment(helmId);
  assert.equal(helmRun.runs[0]!.status, "Failed", helmRun.log());
  assert.equal(helmRun.runs[0]!.outcomeMessage, "The server stopped while Helm was running");
  assert.ok(helmRun.runs[0]!.frozenAt);
  assert.ok(helmRun.runs[0]!.objects.every((row) => row.status !== "InProgress"));
});
