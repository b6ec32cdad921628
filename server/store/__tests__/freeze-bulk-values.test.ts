// The freeze's raw bulk path (bulk-insert.ts, issue 12) writes exactly what Prisma's createMany
// wrote for the same rows: every column compared as the database stores it (SQLite: type and
// quoted value; PostgreSQL: the value as text), nulls, booleans, dates, JSON and awkward text
// included. And a second freeze changes nothing.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, testProviders, type TestDatabase } from "../../testing/test-database.ts";
import { freezeStep, type RowDetails } from "../step-records.ts";
import { bulkInsert, TRANSITION_COLUMNS as TRANSITION_TYPES } from "../bulk-insert.ts";
import { frozenTransitionsValue } from "../transitions.ts";
import { providerOf } from "../../audit/sql-dialect.ts";
import { seedRunningStep } from "../../../bench/lib/seed-step-run.ts";
import type { ObjectRowView } from "../../contracts/object-status.ts";
import type { Database } from "../database.ts";

const ROW_COLUMNS = [
  "stepRunId",
  "objectKey",
  "uid",
  "parentKey",
  "topLevel",
  "apiVersion",
  "kind",
  "namespace",
  "name",
  "status",
  "message",
  "summary",
  "lastChangeAt",
  "manifest",
  "observed",
  "frozenTransitions",
  "frozenAt",
  "stepStatus",
  "projectId",
  "environmentId",
];
const TRANSITION_COLUMNS = ["stepRunId", "objectKey", "at", "status", "message"];

const at = new Date("2026-12-01T10:20:30.456Z");
const rows: ObjectRowView[] = [
  {
    key: "dep",
    uid: "u-dep",
    parentKey: null,
    apiVersion: "apps/v1",
    kind: "Deployment",
    namespace: "ns",
    name: "web",
    status: "Success",
    message: "2/2 ready",
    summary: "2/2",
    lastChangeAt: at.toISOString(),
  },
  {
    key: "v1/ConfigMap//cluster-wide",
    uid: null,
    parentKey: null,
    apiVersion: "v1",
    kind: "ConfigMap",
    namespace: "",
    name: "cluster-wide",
    status: "Error",
    message: `quotes ' " back\\slash, %_ and unicode ✓ 日本`,
    summary: "",
    lastChangeAt: new Date(at.getTime() + 1).toISOString(),
  },
  {
    key: "pod",
    uid: "12345",
    parentKey: "dep",
    apiVersion: "v1",
    kind: "Pod",
    namespace: "ns",
    name: "web-1",
    status: "InProgress",
    message: "",
    summary: "0/1",
    lastChangeAt: at.toISOString(),
  },
];
const details = new Map<string, RowDetails>([
  ["dep", { manifest: { kind: "Deployment", spec: { replicas: 2, paused: false, tags: ["a", null] } }, observed: { ready: 2 } }],
  ["v1/ConfigMap//cluster-wide", { manifest: { data: { text: "line\nnext \t '\"" } } }],
  ["pod", { observed: 42 }],
]);
const transitions = [
  { key: "dep", at, status: "InProgress", message: "Waiting" },
  { key: "dep", at: new Date(at.getTime() + 999), status: "Success", message: 'it\'s "done"' },
  { key: "pod", at, status: "InProgress", message: "" },
  // An object no longer in the final table: its transitions stay rows of their own.
  { key: "gone", at, status: "Error", message: "deleted" },
];

const FAILURE_SUMMARY = { reason: `it's "quoted" \\ ✓`, objects: [{ key: "dep", count: 2 }, null] };
const STEP_RUN_COLUMNS = ["status", "outcomeMessage", "failureSummary", "finishedAt", "frozenAt", "lastSequence"];

/** A row's transitions as the freeze stores them in the row (server/store/transitions.ts). */
const frozenTransitionsOf = (key: string) => frozenTransitionsValue(transitions.filter((t) => t.key === key));

/** What Prisma's createMany wrote before the bulk path (the reference). */
async function freezeWithPrisma(db: Database, stepRunId: string, frozenAt: Date): Promise<void> {
  const run = await db.stepRun.update({
    where: { id: stepRunId },
    data: { status: "Succeeded", outcomeMessage: "ok", failureSummary: FAILURE_SUMMARY, finishedAt: at, frozenAt, lastSequence: 1 },
    select: { status: true, deployment: { select: { projectId: true, environmentId: true } } },
  });
  await db.objectRow.createMany({
    data: rows.map((row) => ({
      stepRunId,
      objectKey: row.key,
      uid: row.uid,
      parentKey: row.parentKey,
      topLevel: row.parentKey === null,
      apiVersion: row.apiVersion,
      kind: row.kind,
      namespace: row.namespace,
      name: row.name,
      status: row.status,
      message: row.message,
      summary: row.summary,
      lastChangeAt: new Date(row.lastChangeAt),
      ...(details.get(row.key)?.manifest !== undefined ? { manifest: details.get(row.key)!.manifest as object } : {}),
      ...(details.get(row.key)?.observed !== undefined ? { observed: details.get(row.key)!.observed as number } : {}),
      frozenAt,
      stepStatus: run.status,
      projectId: run.deployment.projectId,
      environmentId: run.deployment.environmentId,
      ...(frozenTransitionsOf(row.key) ? { frozenTransitions: frozenTransitionsOf(row.key)! } : {}),
    })),
  });
  await db.objectStatusTransition.createMany({
    data: transitions
      .filter((t) => !rows.some((row) => row.key === t.key))
      .map((t) => ({ stepRunId, objectKey: t.key, at: t.at, status: t.status, message: t.message })),
  });
}

for (const provider of testProviders()) {
  describe(`the freeze's bulk path on ${provider}`, () => {
    let database: TestDatabase;
    before(async () => (database = await createTestDatabase(provider)));
    after(() => database.cleanup());

    // Each column as stored: SQLite's storage class and literal, PostgreSQL's text form. The step
    // run, project and environment ids differ between the two freezes and are compared by shape.
    const stored = async (table: string, columns: string[], stepRunId: string, order: string, key = "stepRunId") => {
      const expression = (column: string) => (provider === "sqlite" ? `typeof("${column}") || ':' || quote("${column}")` : `"${column}"::text`);
      const select = columns.map((column) => `${expression(column)} AS "${column}"`).join(", ");
      const where = provider === "sqlite" ? `"${key}" = ?` : `"${key}" = $1`;
      return database.db.$queryRawUnsafe<Record<string, string | null>[]>(`SELECT ${select} FROM "${table}" WHERE ${where} ORDER BY ${order}`, stepRunId);
    };
    const comparable = (records: Record<string, string | null>[], ids: Record<string, string>) =>
      records.map((record) =>
        Object.fromEntries(
          Object.entries(record).map(([column, value]) => [
            column,
            Object.entries(ids).reduce((text, [id, name]) => text?.replaceAll(id, name) ?? null, value),
          ]),
        ),
      );

    test("writes every column as Prisma's createMany did, and a second freeze changes nothing", async () => {
      const reference = await seedRunningStep(database.db, "reference");
      const bulk = await seedRunningStep(database.db, "bulk");
      const frozenAt = new Date("2026-12-01T11:00:00.789Z");
      const startedAt = Date.now();
      await freezeWithPrisma(database.db, reference.stepRunId, frozenAt);
      assert.equal(
        await freezeStep(database.db, bulk.stepRunId, {
          status: "Succeeded",
          outcomeMessage: "ok",
          failureSummary: FAILURE_SUMMARY,
          rows,
          transitions,
          finishedAt: at,
          lastSequence: 1,
          frozenAt,
          details,
        }),
        true,
      );

      const contextOf = async (stepRunId: string) => {
        const run = await database.db.stepRun.findUniqueOrThrow({
          where: { id: stepRunId },
          select: { deployment: { select: { projectId: true, environmentId: true } } },
        });
        return { [stepRunId]: "<step>", [run.deployment.projectId]: "<project>", [run.deployment.environmentId]: "<environment>" };
      };
      const [referenceIds, bulkIds] = [await contextOf(reference.stepRunId), await contextOf(bulk.stepRunId)];
      const rowsOf = async (stepRunId: string, ids: Record<string, string>) =>
        comparable(await stored("ObjectRow", ROW_COLUMNS, stepRunId, `"objectKey"`), ids);
      const transitionsOf = async (stepRunId: string, ids: Record<string, string>) =>
        comparable(await stored("ObjectStatusTransition", TRANSITION_COLUMNS, stepRunId, `"id"`), ids);
      const expectedRows = await rowsOf(reference.stepRunId, referenceIds);
      assert.equal(expectedRows.length, 3);
      assert.deepEqual(await rowsOf(bulk.stepRunId, bulkIds), expectedRows);
      assert.deepEqual(await transitionsOf(bulk.stepRunId, bulkIds), await transitionsOf(reference.stepRunId, referenceIds));
      assert.equal(await database.db.objectStatusTransition.count({ where: { stepRunId: bulk.stepRunId } }), 1, "only the object gone from the table");
      // The step run's outcome as Prisma's update wrote it (the freeze's claim is a raw UPDATE).
      const runOf = async (stepRunId: string) => stored("StepRun", STEP_RUN_COLUMNS, stepRunId, `"id"`, "id");
      assert.deepEqual(await runOf(bulk.stepRunId), await runOf(reference.stepRunId));

      // Ids in cuid's shape, in the order of the rows (the audit orders a snapshot's rows by id).
      const written = await database.db.objectRow.findMany({ where: { stepRunId: bulk.stepRunId }, orderBy: { id: "asc" } });
      assert.deepEqual(
        written.map((row) => row.objectKey),
        rows.map((row) => row.key),
      );
      for (const row of written) assert.match(row.id, /^c[0-9a-z]{24}$/);
      // updatedAt is the freeze's time (PostgreSQL's text form drops trailing zeros: compared as dates there).
      for (const row of written)
        assert.ok(row.updatedAt.getTime() >= startedAt && row.updatedAt.getTime() <= Date.now(), `updatedAt ${row.updatedAt.toISOString()}`);
      if (provider === "sqlite")
        for (const { updatedAt } of await stored("ObjectRow", ["updatedAt"], bulk.stepRunId, `"id"`))
          assert.match(updatedAt!, /^text:'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00'$/);

      const before = { rows: await rowsOf(bulk.stepRunId, bulkIds), transitions: await transitionsOf(bulk.stepRunId, bulkIds) };
      assert.equal(
        await freezeStep(database.db, bulk.stepRunId, {
          status: "Failed",
          outcomeMessage: "again",
          rows,
          transitions,
          finishedAt: new Date(),
          lastSequence: 2,
          details,
        }),
        false,
      );
      assert.deepEqual({ rows: await rowsOf(bulk.stepRunId, bulkIds), transitions: await transitionsOf(bulk.stepRunId, bulkIds) }, before);
      assert.equal(await database.db.objectRow.count({ where: { stepRunId: bulk.stepRunId } }), 3);
    });

    test("a chunk ends at its record count or before its size in characters; a record larger than that goes alone", async () => {
      const { stepRunId } = await seedRunningStep(database.db, "chunks");
      const db = database.db;
      const record = (i: number, message = `m${i}`) => ({ objectKey: `k${i}`, at, status: "Success", message });
      const insert = (records: ReturnType<typeof record>[], limits: { records?: number; chars?: number }) =>
        bulkInsert(db, providerOf(db), "ObjectStatusTransition", TRANSITION_TYPES, { stepRunId }, ["objectKey", "at", "status", "message"], records, limits);
      assert.equal(
        await insert(
          [1, 2, 3, 4, 5].map((i) => record(i)),
          { records: 2 },
        ),
        3,
      );
      const small = record(6);
      const oneRecordChars = JSON.stringify([small.objectKey, "2026-12-01T10:20:30.456+00:00", small.status, small.message]).length;
      assert.equal(await insert([record(6), record(7), record(8, "x".repeat(500)), record(9)], { chars: 2 * oneRecordChars + 10 }), 3);
      const messages = await db.objectStatusTransition.findMany({ where: { stepRunId }, orderBy: { id: "asc" }, select: { objectKey: true, message: true } });
      assert.deepEqual(
        messages.map((m) => m.objectKey),
        ["k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9"],
      );
      assert.equal(messages[7]!.message, "x".repeat(500));
    });
  });
}
