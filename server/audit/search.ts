// The auditors' search over frozen snapshots, newest first, with keyset pagination on
// (frozenAt, stepRunId[, objectRow id]). Two result modes: one row per snapshot (step run) or one
// row per matching object. Design and measurements: docs/audit.md.
import type { Database } from "../store/database.ts";
import {
  AUDIT_TOTAL_CAP,
  encodeAuditCursor,
  type AuditCursor,
  type AuditFilters,
  type AuditPage,
  type AuditSearchQuery,
  type AuditTotal,
  type ObjectHit,
  type SnapshotHit,
} from "../contracts/audit.ts";
import type { RowStatus } from "../contracts/object-status.ts";
import { hasObjectFilters, keysetCondition, objectRowConditions, orderBy, type Direction } from "./object-filters.ts";
import { emptyCounts, loadSnapshotContexts, loadStatusCounts } from "./snapshot-context.ts";
import { stampUnstampedSnapshots } from "./snapshot-row-context.ts";
import { isoTime, providerOf, queryRows, SqlParameters, toCount } from "./sql-dialect.ts";

type Page = { limit: number; after?: AuditCursor; before?: AuditCursor; withTotal: boolean };

const pageOf = (query: AuditSearchQuery): Page => ({ limit: query.limit, after: query.after, before: query.before, withTotal: query.total === "true" });

export async function searchAudit(db: Database, query: AuditSearchQuery): Promise<AuditPage<SnapshotHit> | AuditPage<ObjectHit>> {
  await stampUnstampedSnapshots(db);
  return query.mode === "objects" ? searchObjects(db, query, pageOf(query)) : searchSnapshots(db, query, pageOf(query));
}

type Keyed = { frozenAt: string; stepRunId: string; objectId?: string };

/** Runs a keyset page query (limit + 1 rows to know whether more exist) and builds both cursors. */
async function keysetPage<T extends Keyed>(page: Page, fetch: (direction: Direction, cursor: AuditCursor | undefined, limit: number) => Promise<T[]>) {
  const direction: Direction = page.before ? "before" : "after";
  const rows = await fetch(direction, page.before ?? page.after, page.limit + 1);
  const more = rows.length > page.limit;
  const items = rows.slice(0, page.limit);
  if (direction === "before") items.reverse();
  const cursorOf = (row: T | undefined) =>
    row ? encodeAuditCursor({ frozenAt: row.frozenAt, stepRunId: row.stepRunId, ...(row.objectId ? { objectId: row.objectId } : {}) }) : null;
  // Going forward, a previous page exists when we started from a cursor; going back, when more rows were found.
  const hasNext = direction === "after" ? more : true;
  const hasPrevious = direction === "after" ? Boolean(page.after) : more;
  return {
    items,
    nextCursor: hasNext && items.length ? cursorOf(items.at(-1)) : null,
    previousCursor: hasPrevious && items.length ? cursorOf(items[0]) : null,
  };
}

/** A first page without a next page is the whole result: its size is the total, no count query (which would repeat a scan). */
function wholeResult(page: Page, keyed: { items: unknown[]; nextCursor: string | null }): Promise<AuditTotal> | undefined {
  return !page.after && !page.before && !keyed.nextCursor ? Promise.resolve({ count: keyed.items.length, capped: false }) : undefined;
}

async function cappedTotal(db: Database, innerSql: string, params: SqlParameters): Promise<AuditTotal> {
  const rows = await queryRows<{ count: unknown }>(db, `SELECT count(*) AS "count" FROM (${innerSql} LIMIT ${AUDIT_TOTAL_CAP + 1}) AS "matches"`, params);
  const count = toCount(rows[0]?.count ?? 0);
  return { count: Math.min(count, AUDIT_TOTAL_CAP), capped: count > AUDIT_TOTAL_CAP };
}

export async function searchSnapshots(db: Database, filters: AuditFilters, page: Page): Promise<AuditPage<SnapshotHit>> {
  const provider = providerOf(db);
  const byObjects = hasObjectFilters(filters);
  const fetch = async (direction: Direction, cursor: AuditCursor | undefined, limit: number) => {
    const params = new SqlParameters(provider);
    const sql = byObjects ? snapshotsByObjectsSql(filters, params, direction, cursor) : snapshotsByStepRunSql(filters, params, direction, cursor);
    const rows = await queryRows<{ stepRunId: string; frozenAt: unknown }>(db, `${sql} LIMIT ${limit}`, params);
    return rows.map((row) => ({ stepRunId: row.stepRunId, frozenAt: isoTime(row.frozenAt) }));
  };
  const keyed = await keysetPage(page, fetch);
  const ids = keyed.items.map((item) => item.stepRunId);
  const [contexts, counts, total] = await Promise.all([
    loadSnapshotContexts(db, ids),
    loadStatusCounts(db, ids),
    page.withTotal ? (wholeResult(page, keyed) ?? snapshotTotal(db, filters, byObjects)) : Promise.resolve(null),
  ]);
  const items = ids.flatMap((id) => {
    const context = contexts.get(id);
    return context ? [{ ...context, counts: counts.get(id) ?? emptyCounts() }] : [];
  });
  return { items, nextCursor: keyed.nextCursor, previousCursor: keyed.previousCursor, total };
}

/** Snapshots containing at least one matching object: GROUP BY in (frozenAt, stepRunId) index order, so LIMIT stops early. */
function snapshotsByObjectsSql(filters: AuditFilters, params: SqlParameters, direction: Direction, cursor?: AuditCursor): string {
  const columns = [`o."frozenAt"`, `o."stepRunId"`];
  const conditions = objectRowConditions("o", filters, params);
  if (cursor) conditions.push(keysetCondition(columns, cursor, direction, params));
  return `SELECT o."stepRunId" AS "stepRunId", o."frozenAt" AS "frozenAt" FROM "ObjectRow" o WHERE ${conditions.join(" AND ")} GROUP BY o."frozenAt", o."stepRunId" ORDER BY ${orderBy(columns, direction)}`;
}

/** Without object filters the list comes from StepRun (a snapshot may have no objects at all). */
function snapshotsByStepRunSql(filters: AuditFilters, params: SqlParameters, direction: Direction, cursor?: AuditCursor): string {
  const columns = [`s."frozenAt"`, `s."id"`];
  const conditions = stepRunConditions(filters, params);
  if (cursor) conditions.push(keysetCondition(columns, cursor, direction, params));
  return `SELECT s."id" AS "stepRunId", s."frozenAt" AS "frozenAt" FROM "StepRun" s JOIN "Deployment" d ON d."id" = s."deploymentId" WHERE ${conditions.join(" AND ")} ORDER BY ${orderBy(columns, direction)}`;
}

function stepRunConditions(filters: AuditFilters, params: SqlParameters): string[] {
  const conditions = [`s."frozenAt" IS NOT NULL`];
  if (filters.outcome) conditions.push(`s."status" = ${params.add(filters.outcome)}`);
  if (filters.projectId) conditions.push(`d."projectId" = ${params.add(filters.projectId)}`);
  if (filters.environmentId) conditions.push(`d."environmentId" = ${params.add(filters.environmentId)}`);
  if (filters.from) conditions.push(`s."frozenAt" >= ${params.add(filters.from)}`);
  if (filters.to) conditions.push(`s."frozenAt" < ${params.add(filters.to)}`);
  return conditions;
}

/**
 * Snapshots with object filters are counted as groups of (frozenAt, stepRunId), the order of the
 * search indexes, so the count streams off an index and stops at the cap. (`DISTINCT stepRunId`
 * made PostgreSQL walk the (stepRunId, objectKey) index over most of the table, and SQLite sort
 * every match first: 500–1,500 ms for "kind Pod + outcome TimedOut" over 1,000,000 rows.) A step
 * run's rows all carry its frozenAt, so a group is exactly one snapshot.
 */
async function snapshotTotal(db: Database, filters: AuditFilters, byObjects: boolean): Promise<AuditTotal> {
  const params = new SqlParameters(providerOf(db));
  const inner = byObjects
    ? `SELECT 1 FROM "ObjectRow" o WHERE ${objectRowConditions("o", filters, params).join(" AND ")} GROUP BY o."frozenAt", o."stepRunId"`
    : `SELECT s."id" FROM "StepRun" s JOIN "Deployment" d ON d."id" = s."deploymentId" WHERE ${stepRunConditions(filters, params).join(" AND ")}`;
  return cappedTotal(db, inner, params);
}

type ObjectRecord = {
  id: string;
  stepRunId: string;
  frozenAt: unknown;
  objectKey: string;
  parentKey: string | null;
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  status: string;
  message: string;
  summary: string;
  lastChangeAt: unknown;
};

const OBJECT_COLUMNS = [
  "id",
  "stepRunId",
  "frozenAt",
  "objectKey",
  "parentKey",
  "apiVersion",
  "kind",
  "namespace",
  "name",
  "status",
  "message",
  "summary",
  "lastChangeAt",
]
  .map((column) => `o."${column}" AS "${column}"`)
  .join(", ");

export async function searchObjects(db: Database, filters: AuditFilters, page: Page): Promise<AuditPage<ObjectHit>> {
  const provider = providerOf(db);
  const columns = [`o."frozenAt"`, `o."stepRunId"`, `o."id"`];
  const records = new Map<string, ObjectRecord>();
  const fetch = async (direction: Direction, cursor: AuditCursor | undefined, limit: number) => {
    const params = new SqlParameters(provider);
    const conditions = objectRowConditions("o", filters, params);
    if (cursor) conditions.push(keysetCondition(columns, cursor, direction, params));
    const rows = await queryRows<ObjectRecord>(
      db,
      `SELECT ${OBJECT_COLUMNS} FROM "ObjectRow" o WHERE ${conditions.join(" AND ")} ORDER BY ${orderBy(columns, direction)} LIMIT ${limit}`,
      params,
    );
    rows.forEach((row) => records.set(row.id, row));
    return rows.map((row) => ({ frozenAt: isoTime(row.frozenAt), stepRunId: row.stepRunId, objectId: row.id }));
  };
  const keyed = await keysetPage(page, fetch);
  const [contexts, total] = await Promise.all([
    loadSnapshotContexts(
      db,
      keyed.items.map((item) => item.stepRunId),
    ),
    page.withTotal ? (wholeResult(page, keyed) ?? objectTotal(db, filters)) : Promise.resolve(null),
  ]);
  const items = keyed.items.flatMap((item) => {
    const record = records.get(item.objectId ?? "");
    const snapshot = contexts.get(item.stepRunId);
    return record && snapshot ? [toObjectHit(record, snapshot)] : [];
  });
  return { items, nextCursor: keyed.nextCursor, previousCursor: keyed.previousCursor, total };
}

function toObjectHit(record: ObjectRecord, snapshot: ObjectHit["snapshot"]): ObjectHit {
  return {
    id: record.id,
    objectKey: record.objectKey,
    parentKey: record.parentKey,
    apiVersion: record.apiVersion,
    kind: record.kind,
    namespace: record.namespace,
    name: record.name,
    status: record.status as RowStatus,
    message: record.message,
    summary: record.summary,
    lastChangeAt: isoTime(record.lastChangeAt),
    snapshot,
  };
}

async function objectTotal(db: Database, filters: AuditFilters): Promise<AuditTotal> {
  const params = new SqlParameters(providerOf(db));
  return cappedTotal(db, `SELECT 1 FROM "ObjectRow" o WHERE ${objectRowConditions("o", filters, params).join(" AND ")}`, params);
}
