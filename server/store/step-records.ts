// Persistence of what a running step produces: task log lines, checkpoints of live rows, and the
// frozen snapshot (rows + per-object timeline + outcome) written in one transaction.
import type { Database, Prisma } from "./database.ts";
import type { ObjectRowView } from "../contracts/object-status.ts";
import { providerOf } from "../audit/sql-dialect.ts";
import { asText, bulkInsert, cuidLikeIds, OBJECT_ROW_COLUMNS, TRANSITION_COLUMNS } from "./bulk-insert.ts";
import { frozenTransitionsValue } from "./transitions.ts";
import { runWithRawTransaction, statements } from "./raw-transaction.ts";
import { mergePendingSearchEntries } from "./search-index-merge.ts";

export type LogLevel = "info" | "warning" | "error";
export type RowDetails = { manifest?: unknown; observed?: unknown };

/**
 * Appends task-log lines. `leaseOwner`: only while the step's deployment is claimed by that
 * instance (checked in the same transaction); after a takeover the lines are dropped (false).
 */
export async function appendLogLines(
  db: Database,
  stepRunId: string,
  lines: { seq: number; at: Date; level: LogLevel; message: string }[],
  leaseOwner?: string,
): Promise<boolean> {
  if (lines.length === 0) return true;
  const data = lines.map((line) => ({ stepRunId, ...line }));
  if (leaseOwner === undefined) {
    await db.stepLogLine.createMany({ data });
    return true;
  }
  return db.$transaction(async (tx) => {
    if (!(await holdsLease(tx, stepRunId, leaseOwner))) return false;
    await tx.stepLogLine.createMany({ data });
    return true;
  });
}

/** Whether the step's deployment is still claimed by this instance (read in the writing transaction). */
async function holdsLease(tx: Tx, stepRunId: string, leaseOwner: string): Promise<boolean> {
  return (await tx.deployment.count({ where: { claimedBy: leaseOwner, stepRuns: { some: { id: stepRunId } } } })) > 0;
}

const rowData = (row: ObjectRowView, details?: RowDetails) => ({
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
  ...(details?.manifest !== undefined ? { manifest: details.manifest as Prisma.InputJsonValue } : {}),
  ...(details?.observed !== undefined ? { observed: details.observed as Prisma.InputJsonValue } : {}),
});

export type StoredTransition = { key: string; at: Date; status: string; message: string };
type Tx = Parameters<Parameters<Database["$transaction"]>[0]>[0];

/**
 * The transitions not stored yet. Only asked after a write whose outcome is unknown (it failed,
 * and may have committed all the same): one read of the step's transitions in the batch's time
 * range, compared by (object, time, status).
 */
async function notStoredYet(tx: Tx, stepRunId: string, transitions: StoredTransition[]): Promise<StoredTransition[]> {
  if (transitions.length === 0) return transitions;
  const times = transitions.map((t) => t.at.getTime());
  const stored = await tx.objectStatusTransition.findMany({
    where: { stepRunId, at: { gte: new Date(Math.min(...times)), lte: new Date(Math.max(...times)) } },
    select: { objectKey: true, at: true, status: true },
  });
  const seen = new Set(stored.map((t) => `${t.objectKey}|${t.at.getTime()}|${t.status}`));
  return transitions.filter((t) => !seen.has(`${t.key}|${t.at.getTime()}|${t.status}`));
}

// A checkpoint's transaction may take seconds (see checkpointRows); Prisma's default is 5 s.
const CHECKPOINT_TIMEOUT_MS = 60_000;

/**
 * Writes the rows that changed since the last checkpoint and the status transitions recorded
 * since (append-only: the history before a restart or a takeover stays stored), in one
 * transaction; never after the step is frozen, nor once the deployment is no longer claimed by
 * `leaseOwner` (when given). `maybeStored`: an earlier write of these
 * transitions failed and may have committed, so those already stored are left out.
 */
export async function checkpointRows(
  db: Database,
  stepRunId: string,
  upserts: ObjectRowView[],
  removals: string[],
  lastSequence: number,
  details: Map<string, RowDetails> = new Map(),
  transitions: { items: StoredTransition[]; maybeStored?: boolean } = { items: [] },
  leaseOwner?: string,
): Promise<void> {
  await db.$transaction(
    async (tx) => {
      const run = await tx.stepRun.findUnique({ where: { id: stepRunId }, select: { frozenAt: true, deployment: { select: { claimedBy: true } } } });
      if (!run || run.frozenAt) return;
      // Another instance took the deployment over: the rows are its to write now.
      if (leaseOwner !== undefined && run.deployment.claimedBy !== leaseOwner) return;
      for (const row of upserts) {
        const data = rowData(row, details.get(row.key));
        await tx.objectRow.upsert({
          where: { stepRunId_objectKey: { stepRunId, objectKey: row.key } },
          create: { stepRunId, objectKey: row.key, ...data },
          update: data,
        });
      }
      if (removals.length) await tx.objectRow.deleteMany({ where: { stepRunId, objectKey: { in: removals } } });
      const fresh = transitions.maybeStored ? await notStoredYet(tx, stepRunId, transitions.items) : transitions.items;
      if (fresh.length)
        await tx.objectStatusTransition.createMany({
          data: fresh.map((t) => ({ stepRunId, objectKey: t.key, at: t.at, status: t.status, message: t.message })),
        });
      await tx.stepRun.update({ where: { id: stepRunId }, data: { lastSequence } });
      // The first checkpoint of a large step upserts every row (10,000 rows take seconds under load;
      // Prisma's default of 5 s made such a checkpoint fail on every retry, so a resume found none).
    },
    { timeout: CHECKPOINT_TIMEOUT_MS, maxWait: CHECKPOINT_TIMEOUT_MS },
  );
}

export type FreezeInput = {
  status: "Succeeded" | "Failed" | "TimedOut";
  outcomeMessage: string;
  failureSummary?: unknown;
  rows: ObjectRowView[];
  /**
   * The status transitions not stored yet: those the checkpoints wrote (this process's and any
   * earlier one's, before a restart or a takeover) stay, these are added.
   */
  transitions: StoredTransition[];
  /** The last checkpoint of these transitions failed and may have committed: leave out those stored. */
  transitionsMaybeStored?: boolean;
  finishedAt: Date;
  lastSequence: number;
  frozenAt?: Date;
  details?: Map<string, RowDetails>;
};

// Rows and transitions go in by raw INSERT … SELECT statements (bulk-insert.ts: one per chunk of
// 999, the values Prisma would write); Prisma's createMany cost about 1 ms a row (issue 12). The
// columns every row of the snapshot shares are bound once per statement.
const PER_ROW = (Object.keys(OBJECT_ROW_COLUMNS) as (keyof typeof OBJECT_ROW_COLUMNS)[]).filter(
  (name) => !["stepRunId", "updatedAt", "frozenAt", "stepStatus", "projectId", "environmentId"].includes(name),
);
/**
 * The freeze's claim of a step run not frozen yet, with its outcome, returning the snapshot's
 * project and environment (no row: frozen already). Raw, like the rest of the freeze
 * (raw-transaction.ts): through Prisma, these statements cost more CPU than the rows of a small
 * step. The values are the text Prisma writes (a test compares the stored step run); a null
 * failure summary leaves the column as it is, as Prisma's `undefined` did.
 */
const CLAIM_SQL = {
  postgresql: `UPDATE "StepRun" SET "status" = $1, "outcomeMessage" = $2, "failureSummary" = COALESCE($3::jsonb, "failureSummary"),
    "finishedAt" = $4::timestamp(3), "frozenAt" = $5::timestamp(3), "lastSequence" = $6::integer
    WHERE "id" = $7 AND "frozenAt" IS NULL
    RETURNING (SELECT "projectId" FROM "Deployment" WHERE "id" = "StepRun"."deploymentId") AS "projectId",
      (SELECT "environmentId" FROM "Deployment" WHERE "id" = "StepRun"."deploymentId") AS "environmentId"`,
  sqlite: `UPDATE "StepRun" SET "status" = ?, "outcomeMessage" = ?, "failureSummary" = COALESCE(?, "failureSummary"),
    "finishedAt" = ?, "frozenAt" = ?, "lastSequence" = CAST(? AS INTEGER)
    WHERE "id" = ? AND "frozenAt" IS NULL
    RETURNING (SELECT "projectId" FROM "Deployment" WHERE "id" = "StepRun"."deploymentId") AS "projectId",
      (SELECT "environmentId" FROM "Deployment" WHERE "id" = "StepRun"."deploymentId") AS "environmentId"`,
} as const;

// Freezing a large table on a busy database can take seconds; Prisma's default is 5 s.
const FREEZE_TIMEOUT_MS = 60_000;

/**
 * Freezes a step: its final rows, the status transitions not checkpointed yet, and its outcome, atomically.
 * Idempotent: a step already frozen is left exactly as it was (returns false).
 */
export async function freezeStep(db: Database, stepRunId: string, input: FreezeInput): Promise<boolean> {
  const provider = providerOf(db);
  // The bulk statements go through the driver adapter's transaction (raw-transaction.ts).
  const frozen = await runWithRawTransaction(() => freezeTransaction(db, provider, stepRunId, input));
  // The audit search's trigram indexes merge the new rows' entries after the commit (search-index-merge.ts).
  if (frozen && provider === "postgresql") void mergePendingSearchEntries(db);
  return frozen;
}

function freezeTransaction(db: Database, provider: "sqlite" | "postgresql", stepRunId: string, input: FreezeInput): Promise<boolean> {
  return db.$transaction(
    async (tx) => {
      const sql = statements(tx);
      // Claimed only if not frozen yet; the snapshot's context is copied onto its rows so audit
      // searches stay on one indexed table.
      const frozenAt = input.frozenAt ?? new Date();
      const claimed = await sql.query(CLAIM_SQL[provider], [
        input.status,
        input.outcomeMessage,
        asText(provider, "json", input.failureSummary ?? null),
        asText(provider, "date", input.finishedAt),
        asText(provider, "date", frozenAt),
        String(input.lastSequence),
        stepRunId,
      ]);
      if (claimed.length === 0) return false;
      const [projectId, environmentId] = claimed[0] as [string, string];
      const context = { frozenAt, stepStatus: input.status, projectId, environmentId };
      // The stored history is kept (checkpoints append to it); only what is not stored yet goes in:
      // into the row of its object, or as rows of its own for objects no longer in the table
      // (server/store/transitions.ts).
      const unstored = input.transitionsMaybeStored ? await notStoredYet(tx, stepRunId, input.transitions) : input.transitions;
      const byObject = new Map<string, StoredTransition[]>(input.rows.map((row) => [row.key, []]));
      const elsewhere: StoredTransition[] = [];
      for (const transition of unstored) (byObject.get(transition.key) ?? elsewhere).push(transition);
      // The final table replaces the checkpointed one whole: one delete, then chunked inserts.
      await sql.execute(`DELETE FROM "ObjectRow" WHERE "stepRunId" = ${provider === "sqlite" ? "?" : "$1"}`, [stepRunId]);
      const ids = cuidLikeIds(input.rows.length);
      const records = input.rows.map((row, i) => ({
        id: ids[i],
        objectKey: row.key,
        ...rowData(row, input.details?.get(row.key)),
        frozenTransitions: frozenTransitionsValue(byObject.get(row.key)!),
      }));
      const shared = { stepRunId, updatedAt: new Date(), ...context };
      await bulkInsert(tx, provider, "ObjectRow", OBJECT_ROW_COLUMNS, shared, PER_ROW, records);
      const transitions = elsewhere.map((t) => ({ objectKey: t.key, at: t.at, status: t.status, message: t.message }));
      await bulkInsert(tx, provider, "ObjectStatusTransition", TRANSITION_COLUMNS, { stepRunId }, ["objectKey", "at", "status", "message"], transitions);
      return true;
    },
    { timeout: FREEZE_TIMEOUT_MS, maxWait: FREEZE_TIMEOUT_MS },
  );
}

export async function loadStepRows(db: Database, stepRunId: string): Promise<ObjectRowView[]> {
  const rows = await db.objectRow.findMany({ where: { stepRunId }, orderBy: [{ topLevel: "desc" }, { kind: "asc" }, { name: "asc" }] });
  return rows.map((row) => ({
    key: row.objectKey,
    uid: row.uid,
    parentKey: row.parentKey,
    apiVersion: row.apiVersion,
    kind: row.kind,
    namespace: row.namespace,
    name: row.name,
    status: row.status as ObjectRowView["status"],
    message: row.message,
    summary: row.summary,
    lastChangeAt: row.lastChangeAt.toISOString(),
  }));
}
