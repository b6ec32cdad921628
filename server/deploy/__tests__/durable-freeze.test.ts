// A database locked by another connection for longer than the busy timeout must not lose a step's
// snapshot: the freeze is retried with backoff until the lock is released, and the snapshot is
// complete. When the database stays unavailable past the bound, the caller keeps the rows and
// keepFreezing writes them once it is back.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import BetterSqlite3 from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../../store/generated/sqlite/client.ts";
import { sqliteFilePath } from "../../config.ts";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { loadStepRows, type FreezeInput } from "../../store/step-records.ts";
import { loadStepHistory } from "../../store/transitions.ts";
import type { ObjectRowView } from "../../contracts/object-status.ts";
import { freezeDurably, keepFreezing } from "../durable-freeze.ts";

let database: TestDatabase;
let impatient: PrismaClient;
let locker: BetterSqlite3.Database;

before(async () => {
  database = await createTestDatabase("sqlite");
  // The engine's client, with a busy timeout far shorter than the lock below.
  impatient = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: `file:${sqliteFilePath(database.url)}`, timeout: 100 }) });
  locker = new BetterSqlite3(sqliteFilePath(database.url));
});
after(async () => {
  locker.close();
  await impatient.$disconnect();
  await database.cleanup();
});

async function stepRun(): Promise<string> {
  const db = database.db;
  const project = await db.project.create({ data: { slug: `f${Math.random().toString(36).slice(2, 8)}`, name: "F" } });
  const environment = await db.environment.create({ data: { name: `e${Math.random().toString(36).slice(2, 8)}` } });
  const release = await db.release.create({
    data: {
      projectId: project.id,
      version: "1.0.0",
      processVersion: 1,
      steps: { create: [{ sourceStepId: "s", position: 0, name: "A", type: "kubernetes-yaml", enabled: true, config: {}, verification: {} }] },
    },
    include: { steps: true },
  });
  const deployment = await db.deployment.create({
    data: {
      projectId: project.id,
      releaseId: release.id,
      environmentId: environment.id,
      stepRuns: {
        create: [{ releaseStepId: release.steps[0]!.id, position: 0, name: "A", type: "kubernetes-yaml", verificationEnabled: true, status: "Running" }],
      },
    },
    include: { stepRuns: true },
  });
  return deployment.stepRuns[0]!.id;
}

const input = (n: number): FreezeInput => {
  const rows: ObjectRowView[] = Array.from({ length: n }, (_, i) => ({
    key: `uid-${i}`,
    uid: `uid-${i}`,
    parentKey: i === 0 ? null : "uid-0",
    apiVersion: "v1",
    kind: i === 0 ? "Deployment" : "Pod",
    namespace: "ns",
    name: `obj-${i}`,
    status: "Success",
    message: "ok",
    summary: "",
    lastChangeAt: new Date().toISOString(),
  }));
  return {
    status: "Succeeded",
    outcomeMessage: "done",
    rows,
    transitions: rows.map((row) => ({ key: row.key, at: new Date(), status: "Success", message: "ok" })),
    finishedAt: new Date(),
    lastSequence: 7,
  };
};

test("a freeze blocked by an exclusive lock longer than the busy timeout is retried and the snapshot is complete", async () => {
  const id = await stepRun();
  locker.exec("BEGIN EXCLUSIVE");
  const failures: string[] = [];
  const frozen = await freezeDurably(impatient as never, id, input(50), {
    policy: { firstDelayMs: 20, maxDelayMs: 100, giveUpAfterMs: 60_000 },
    // Released once the lock has made the freeze fail twice (the condition, not a sleep).
    onRetry: (error) => {
      failures.push((error as Error).message);
      if (failures.length === 2) locker.exec("COMMIT");
    },
  });
  assert.equal(frozen, true);
  assert.equal(failures.length, 2);
  assert.match(failures[0]!, /locked|busy|timed out/i);
  const run = await database.db.stepRun.findUniqueOrThrow({ where: { id } });
  assert.equal(run.status, "Succeeded");
  assert.ok(run.frozenAt);
  assert.equal((await loadStepRows(database.db, id)).length, 50);
  assert.equal((await loadStepHistory(database.db, id)).length, 50);
});

test("past the bound the freeze gives up; the rows held in memory are written once the database is back", async () => {
  const id = await stepRun();
  locker.exec("BEGIN EXCLUSIVE");
  await assert.rejects(
    freezeDurably(impatient as never, id, input(3), { policy: { firstDelayMs: 10, maxDelayMs: 10, giveUpAfterMs: 150 } }),
    /locked|busy|timed out/i,
  );
  const attempts: string[] = [];
  const logger = {
    error: (_: unknown, message: string) => {
      attempts.push(message);
      if (attempts.length === 1) locker.exec("COMMIT");
    },
    info: () => undefined,
  };
  await keepFreezing(impatient as never, id, { ...input(3), status: "Failed", outcomeMessage: "could not be saved" }, { everyMs: 10, logger: logger as never });
  const run = await database.db.stepRun.findUniqueOrThrow({ where: { id } });
  assert.equal(run.status, "Failed");
  assert.equal((await loadStepRows(database.db, id)).length, 3);
});
