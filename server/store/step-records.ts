// Persistence of what a running step produces: task log lines, checkpoints of live rows, and the
// frozen snapshot (rows + per-object timeline + outcome) written in one transaction.
import type { Database, Prisma } from "./database.ts";
import type { ObjectRowView } from "../contracts/object-status.ts";

export type LogLevel = "info" | "warning" | "error";
export type RowDetails = { manifest?: unknown; observed?: unknown };

export async function appendLogLines(db: Database, stepRunId: string, lines: { seq: number; at: Date; level: LogLevel; message: string }[]): Promise<void> {
  if (lines.length === 0) return;
  await db.stepLogLine.createMany({ data: lines.map((line) => ({ stepRunId, ...line })) });
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

/** Writes the rows that changed since the last checkpoint (never after the step is frozen). */
export async function checkpointRows(
  db: Database,
  stepRunId: string,
  upserts: ObjectRowView[],
  removals: string[],
  lastSequence: number,
  details: Map<string, RowDetails> = new Map(),
): Promise<void> {
  await db.$transaction(async (tx) => {
    const run = await tx.stepRun.findUnique({ where: { id: stepRunId }, select: { frozenAt: true } });
    if (!run || run.frozenAt) return;
    for (const row of upserts) {
      const data = rowData(row, details.get(row.key));
      await tx.objectRow.upsert({
        where: { stepRunId_objectKey: { stepRunId, objectKey: row.key } },
        create: { stepRunId, objectKey: row.key, ...data },
        update: data,
      });
    }
    if (removals.length) await tx.objectRow.deleteMany({ where: { stepRunId, objectKey: { in: removals } } });
    await tx.stepRun.update({ where: { id: stepRunId }, data: { lastSequence } });
  });
}

export type FreezeInput = {
  status: "Succeeded" | "Failed" | "TimedOut";
  outcomeMessage: string;
  failureSummary?: unknown;
  rows: ObjectRowView[];
  transitions: { key: string; at: Date; status: string; message: string }[];
  finishedAt: Date;
  lastSequence: number;
  frozenAt?: Date;
  details?: Map<string, RowDetails>;
};

/**
 * Freezes a step: its final rows, every status transition, and its outcome, atomically.
 * Idempotent: a step already frozen is left exactly as it was (returns false).
 */
// One multi-row INSERT per chunk (issue 12). A statement binds at most 32,766 parameters on
// SQLite (the adapter tells Prisma so: sqlite-adapter.ts) and Prisma sends at most 32,766 on
// PostgreSQL (whose limit is 65,535); a row is about 22 parameters, a transition 5, and Prisma
// puts at most 999 rows in one INSERT: chunks of 999 are one statement each on both databases.
const INSERT_CHUNK = 999;
// Freezing a large table on a busy database can take seconds; Prisma's default is 5 s.
const FREEZE_TIMEOUT_MS = 60_000;

export async function freezeStep(db: Database, stepRunId: string, input: FreezeInput): Promise<boolean> {
  return db.$transaction(
    async (tx) => {
      const claimed = await tx.stepRun.updateMany({
        where: { id: stepRunId, frozenAt: null },
        data: {
          status: input.status,
          outcomeMessage: input.outcomeMessage,
          failureSummary: (input.failureSummary ?? undefined) as Prisma.InputJsonValue | undefined,
          finishedAt: input.finishedAt,
          frozenAt: input.frozenAt ?? new Date(),
          lastSequence: input.lastSequence,
        },
      });
      if (claimed.count === 0) return false;
      const run = await tx.stepRun.findUniqueOrThrow({
        where: { id: stepRunId },
        select: { frozenAt: true, status: true, deployment: { select: { projectId: true, environmentId: true } } },
      });
      // The snapshot's context is copied onto its rows so audit searches stay on one indexed table.
      const context = { frozenAt: run.frozenAt, stepStatus: run.status, projectId: run.deployment.projectId, environmentId: run.deployment.environmentId };
      // The final table replaces the checkpointed one whole: one delete, then chunked inserts.
      await tx.objectRow.deleteMany({ where: { stepRunId } });
      for (let i = 0; i < input.rows.length; i += INSERT_CHUNK) {
        await tx.objectRow.createMany({
          data: input.rows
            .slice(i, i + INSERT_CHUNK)
            .map((row) => ({ stepRunId, objectKey: row.key, ...rowData(row, input.details?.get(row.key)), ...context })),
        });
      }
      await tx.objectStatusTransition.deleteMany({ where: { stepRunId } });
      for (let i = 0; i < input.transitions.length; i += INSERT_CHUNK) {
        await tx.objectStatusTransition.createMany({
          data: input.transitions.slice(i, i + INSERT_CHUNK).map((t) => ({ stepRunId, objectKey: t.key, at: t.at, status: t.status, message: t.message })),
        });
      }
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
