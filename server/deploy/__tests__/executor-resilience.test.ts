// The executor without a cluster: a release step's stored JSON is checked against the step
// contracts before it runs (an invalid document fails that step with a clear message, the next
// steps are not run, nothing crashes); a task log the database refuses does not keep the step from
// freezing; a freeze that cannot be written in time fails the step visibly, and the rows held in
// memory are written once the database is back.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { SYSTEM_PRINCIPAL } from "../../auth/permissions.ts";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { installTestContext } from "../../testing/test-context.ts";
import { appContext } from "../../context.ts";
import { stepInput } from "../../contracts/steps/index.ts";
import { createProject } from "../../process/projects.ts";
import { createStep } from "../../process/steps.ts";
import { createRelease } from "../../process/releases.ts";
import { createDeployment } from "../../process/deployments.ts";
import { createEnvironment } from "../../process/environments.ts";
import { targetInput } from "../../contracts/environments.ts";
import { logger } from "../../logging.ts";
import { createExecutor } from "../executor.ts";
import { engineEvents } from "../engine-events.ts";
import { parseStoredStep } from "../stored-step.ts";
import type { Database } from "../../store/database.ts";

let database: TestDatabase;
let environmentId: string;

before(async () => {
  database = await createTestDatabase("sqlite");
  installTestContext(database);
  // Never contacted: the steps fail before anything reaches a cluster.
  const target = targetInput.parse({ authKind: "token", serverUrl: "https://127.0.0.1:9", token: "t", insecureSkipTlsVerify: true });
  environmentId = (await createEnvironment(database.db, appContext().sealer, { name: "nowhere", description: "", target })).id;
});
after(async () => {
  await appContext().executor.stop();
  await database.cleanup();
});

test("parseStoredStep names what is wrong in the stored document", () => {
  const good = parseStoredStep({ type: "helm-chart", config: {}, verification: { timeoutSeconds: 60 } });
  assert.equal(good.ok && good.verification.timeoutSeconds, 60);
  const badVerification = parseStoredStep({ type: "kubernetes-yaml", config: { yaml: "a: 1" }, verification: { timeoutSeconds: "soon" } });
  assert.equal(badVerification.ok, false);
  assert.match(!badVerification.ok ? badVerification.message : "", /^The stored verification options of this step are invalid: timeoutSeconds: /);
  const notAnObject = parseStoredStep({ type: "helm-chart", config: {}, verification: "on" });
  assert.match(!notAnObject.ok ? notAnObject.message : "", /^The stored verification options of this step are invalid: /);
  const badType = parseStoredStep({ type: "shell-script", config: {}, verification: {} });
  assert.match(!badType.ok ? badType.message : "", /unknown type "shell-script"/);
});

async function queue(db: Database, executor = appContext().executor) {
  const { sealer } = appContext();
  const project = await createProject(db, { name: `p-${Math.random().toString(36).slice(2, 8)}`, description: "" });
  for (const name of ["First", "Second"])
    await createStep(
      db,
      sealer,
      project.id,
      stepInput.parse({ type: "kubernetes-yaml", name, config: { yaml: "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\n" } }),
    );
  const release = await createRelease(db, project.id, { version: "", notes: "" });
  const first = await db.releaseStep.findFirstOrThrow({ where: { releaseId: release.id, position: 0 } });
  // What a hand edit or an older version could have left in the database.
  await db.releaseStep.update({ where: { id: first.id }, data: { verification: { enabled: true, timeoutSeconds: "soon" } } });
  const deployment = await createDeployment(db, project.id, { releaseId: release.id, environmentId }, SYSTEM_PRINCIPAL);
  const finished = new Promise<void>((resolve) => {
    const listener = (event: { deploymentId: string; status: string }) => {
      if (event.deploymentId !== deployment.id || event.status === "Running") return;
      engineEvents().off("deployment", listener);
      resolve();
    };
    engineEvents().on("deployment", listener);
  });
  executor.enqueue(deployment.id);
  await finished;
  return deployment.id;
}

test("an invalid stored verification fails its step with a clear message; the next step is not run", async () => {
  const id = await queue(database.db);
  const db = database.db;
  const deployment = await db.deployment.findUniqueOrThrow({ where: { id } });
  assert.equal(deployment.status, "Failed");
  const runs = await db.stepRun.findMany({ where: { deploymentId: id }, orderBy: { position: "asc" }, include: { logLines: true } });
  assert.equal(runs[0]!.status, "Failed");
  assert.match(runs[0]!.outcomeMessage, /^The stored verification options of this step are invalid: timeoutSeconds: /);
  assert.ok(runs[0]!.frozenAt, "the failed step is frozen");
  assert.ok(runs[0]!.logLines.some((line) => line.message.startsWith('Step "First" cannot run: The stored verification options')));
  assert.equal(runs[1]!.status, "NotExecuted");
});

test("a task log the database refuses does not keep the failed step from freezing", async () => {
  const refusing = new Proxy(database.db, {
    get(target, property, receiver) {
      if (property === "stepLogLine")
        return {
          createMany: async () => {
            throw new Error("SQLITE_IOERR: disk I/O error");
          },
        };
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  const executor = createExecutor(refusing, appContext().sealer, logger().child({ test: "refusing" }), {
    logRetry: { firstDelayMs: 1, maxDelayMs: 1, giveUpAfterMs: 20 },
    // The last flush after the freeze retries as long as the freeze may: kept short here.
    freezeRetry: { firstDelayMs: 1, maxDelayMs: 5, giveUpAfterMs: 100 },
  });
  const id = await queue(database.db, executor);
  await executor.stop();
  const runs = await database.db.stepRun.findMany({ where: { deploymentId: id }, orderBy: { position: "asc" } });
  assert.equal(runs[0]!.status, "Failed");
  assert.ok(runs[0]!.frozenAt);
  assert.equal(await database.db.stepLogLine.count({ where: { stepRunId: runs[0]!.id } }), 0);
});

test("a freeze the database refuses past the bound fails the step visibly; the snapshot is written once the database is back", async () => {
  let locked = true;
  let frozenAfterUnlock!: () => void;
  const written = new Promise<void>((resolve) => (frozenAfterUnlock = resolve));
  const flaky = new Proxy(database.db, {
    get(target, property, receiver) {
      if (property === "$transaction")
        return async (...args: Parameters<Database["$transaction"]>) => {
          if (locked) throw new Error("SQLITE_BUSY: database is locked");
          const result = await (target.$transaction as (...a: unknown[]) => Promise<unknown>)(...args);
          frozenAfterUnlock();
          return result;
        };
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  const executor = createExecutor(flaky, appContext().sealer, logger().child({ test: "flaky" }), {
    freezeRetry: { firstDelayMs: 5, maxDelayMs: 10, giveUpAfterMs: 60 },
  });
  const failedVisibly = new Promise<string>((resolve) => {
    const listener = (event: { status: string; outcomeMessage?: string; phase: { name: string } }) => {
      if (event.phase.name !== "finished") return;
      engineEvents().off("step", listener);
      resolve(event.outcomeMessage ?? "");
    };
    engineEvents().on("step", listener);
  });
  const id = await queue(database.db, executor);
  assert.match(
    await failedVisibly,
    /^The step's result could not be saved \(SQLITE_BUSY: database is locked\); it is saved as soon as the database is available again$/,
  );
  const first = await database.db.stepRun.findFirstOrThrow({ where: { deploymentId: id, position: 0 } });
  assert.equal(first.frozenAt, null, "not frozen while the database refuses");
  locked = false;
  await written;
  await executor.stop();
  const frozen = await database.db.stepRun.findUniqueOrThrow({ where: { id: first.id } });
  assert.ok(frozen.frozenAt);
  assert.equal(frozen.status, "Failed");
  assert.match(frozen.outcomeMessage, /^The stored verification options .*\. The step's result could not be saved/);
});
