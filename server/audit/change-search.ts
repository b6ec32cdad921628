// The auditors' search over the change trail, newest first, with keyset pagination on (at, id)
// like the snapshot search (search.ts): both directions, no gaps or duplicates when events share a
// time, a capped total. Filters: actor, action prefix, target, free text, time range.
import type { Database } from "../store/database.ts";
import {
  AUDIT_TOTAL_CAP,
  encodeChangeCursor,
  type AuditPage,
  type AuditTotal,
  type ChangeActorVia,
  type ChangeCursor,
  type ChangeDetails,
  type ChangeEventView,
  type ChangeFilters,
  type ChangeSearchQuery,
  type ChangeTargetType,
} from "../contracts/audit.ts";
import { containsClause, isoTime, prefixClause, providerOf, queryRows, SqlParameters, toCount } from "./sql-dialect.ts";
import { targetLinks, type LinkViewer } from "./change-links.ts";

type Direction = "after" | "before";
/** linksFor: who reads the page, to link the targets they may open; exports carry no links. */
export type ChangePage = { limit: number; after?: ChangeCursor; before?: ChangeCursor; withTotal: boolean; linksFor?: LinkViewer };

export async function searchChanges(db: Database, query: ChangeSearchQuery, viewer: LinkViewer): Promise<AuditPage<ChangeEventView>> {
  return searchChangePage(db, query, { limit: query.limit, after: query.after, before: query.before, withTotal: query.total === "true", linksFor: viewer });
}

export async function searchChangePage(db: Database, filters: ChangeFilters, page: ChangePage): Promise<AuditPage<ChangeEventView>> {
  const direction: Direction = page.before ? "before" : "after";
  const cursor = page.before ?? page.after;
  const params = new SqlParameters(providerOf(db));
  const conditions = changeConditions(filters, params);
  if (cursor) conditions.push(`(e."at", e."id") ${direction === "after" ? "<" : ">"} (${params.add(new Date(cursor.at))}, ${params.add(cursor.id)})`);
  const order = direction === "after" ? "DESC" : "ASC";
  const keys = await queryRows<{ id: string; at: unknown }>(
    db,
    `SELECT e."id" AS "id", e."at" AS "at" FROM "AuditEvent" e${where(conditions)} ORDER BY e."at" ${order}, e."id" ${order} LIMIT ${page.limit + 1}`,
    params,
  );
  const more = keys.length > page.limit;
  const pageKeys = keys.slice(0, page.limit);
  if (direction === "before") pageKeys.reverse();
  const rows = await db.auditEvent.findMany({ where: { id: { in: pageKeys.map((key) => key.id) } } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const ordered = pageKeys.flatMap((key) => byId.get(key.id) ?? []);
  const links = page.linksFor ? await targetLinks(db, ordered, page.linksFor) : new Map<string, string>();
  const items = ordered.map((row): ChangeEventView => toView(row, links.get(row.id) ?? null));
  const cursorOf = (item: ChangeEventView | undefined) => (item ? encodeChangeCursor({ at: item.at, id: item.id }) : null);
  // Going forward, a previous page exists when we started from a cursor; going back, when more rows were found.
  const hasNext = direction === "after" ? more : true;
  const hasPrevious = direction === "after" ? Boolean(page.after) : more;
  const nextCursor = hasNext && items.length ? cursorOf(items.at(-1)) : null;
  const previousCursor = hasPrevious && items.length ? cursorOf(items[0]) : null;
  let total: AuditTotal | null = null;
  if (page.withTotal) total = !cursor && !nextCursor ? { count: items.length, capped: false } : await changeTotal(db, filters);
  return { items, nextCursor, previousCursor, total };
}

function changeConditions(filters: ChangeFilters, params: SqlParameters): string[] {
  const conditions: string[] = [];
  if (filters.actorId) conditions.push(`e."actorId" = ${params.add(filters.actorId)}`);
  if (filters.actor) conditions.push(containsClause(`e."actorName"`, filters.actor, params));
  if (filters.action) conditions.push(`(${prefixClause(`e."action"`, filters.action, params)})`);
  if (filters.targetType) conditions.push(`e."targetType" = ${params.add(filters.targetType)}`);
  if (filters.targetId) conditions.push(`e."targetId" = ${params.add(filters.targetId)}`);
  if (filters.search) {
    const columns = [`e."targetName"`, `e."summary"`, `e."actorName"`];
    conditions.push(`(${columns.map((column) => containsClause(column, filters.search!, params)).join(" OR ")})`);
  }
  if (filters.from) conditions.push(`e."at" >= ${params.add(filters.from)}`);
  if (filters.to) conditions.push(`e."at" < ${params.add(filters.to)}`);
  return conditions;
}

const where = (conditions: string[]) => (conditions.length ? ` WHERE ${conditions.join(" AND ")}` : "");

async function changeTotal(db: Database, filters: ChangeFilters): Promise<AuditTotal> {
  const params = new SqlParameters(providerOf(db));
  const inner = `SELECT 1 FROM "AuditEvent" e${where(changeConditions(filters, params))} LIMIT ${AUDIT_TOTAL_CAP + 1}`;
  const rows = await queryRows<{ count: unknown }>(db, `SELECT count(*) AS "count" FROM (${inner}) AS "matches"`, params);
  const count = toCount(rows[0]?.count ?? 0);
  return { count: Math.min(count, AUDIT_TOTAL_CAP), capped: count > AUDIT_TOTAL_CAP };
}

type EventRow = {
  id: string;
  at: Date;
  actorId: string | null;
  actorName: string;
  actorVia: string;
  action: string;
  targetType: string;
  targetId: string | null;
  targetName: string;
  summary: string;
  ipAddress: string | null;
  userAgent: string | null;
  details: unknown;
};

function toView(row: EventRow, targetHref: string | null): ChangeEventView {
  return {
    id: row.id,
    at: isoTime(row.at),
    actorId: row.actorId,
    actorName: row.actorName,
    actorVia: row.actorVia as ChangeActorVia,
    action: row.action,
    targetType: row.targetType as ChangeTargetType,
    targetId: row.targetId,
    targetName: row.targetName,
    summary: row.summary,
    ipAddress: row.ipAddress,
    userAgent: row.userAgent,
    details: (row.details ?? null) as ChangeDetails | null,
    targetHref,
  };
}
