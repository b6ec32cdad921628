// WHERE clauses of the audit search on ObjectRow. Every filter is on ObjectRow itself: the
// snapshot's time, outcome, project and environment are copied onto each row when the step is
// frozen (snapshot-row-context.ts), so a filtered search never joins a million rows.
import type { AuditCursor, AuditFilters } from "../contracts/audit.ts";
import { containsClause, prefixClause, type SqlParameters } from "./sql-dialect.ts";

/** Filters that look inside the objects (the rest describe the snapshot itself). */
export const hasObjectFilters = (filters: AuditFilters) =>
  Boolean(filters.kind || filters.namespace || filters.name || filters.message || filters.objectStatus);

export function objectRowConditions(alias: string, filters: AuditFilters, params: SqlParameters): string[] {
  const column = (name: string) => `${alias}."${name}"`;
  const conditions = [`${column("frozenAt")} IS NOT NULL`];
  if (filters.projectId) conditions.push(`${column("projectId")} = ${params.add(filters.projectId)}`);
  if (filters.environmentId) conditions.push(`${column("environmentId")} = ${params.add(filters.environmentId)}`);
  if (filters.outcome) conditions.push(`${column("stepStatus")} = ${params.add(filters.outcome)}`);
  if (filters.objectStatus) conditions.push(`${column("status")} = ${params.add(filters.objectStatus)}`);
  if (filters.kind) conditions.push(`${column("kind")} = ${params.add(filters.kind)}`);
  if (filters.namespace) conditions.push(`${column("namespace")} = ${params.add(filters.namespace)}`);
  if (filters.name)
    conditions.push(filters.nameMatch === "contains" ? textClause(alias, "name", filters.name, params) : prefixClause(column("name"), filters.name, params));
  if (filters.message) conditions.push(textClause(alias, "message", filters.message, params));
  if (filters.from) conditions.push(`${column("frozenAt")} >= ${params.add(filters.from)}`);
  if (filters.to) conditions.push(`${column("frozenAt")} < ${params.add(filters.to)}`);
  return conditions;
}

/** Trigrams: an FTS5 trigram index can only look up fragments of at least three characters. */
const TRIGRAM = 3;

/** SQLite's FTS5 trigram index of each text column of frozen rows. */
const TEXT_SEARCH_TABLE = { message: "ObjectRowMessageSearch", name: "ObjectRowNameSearch" } as const;

/**
 * "Message contains" and "name contains" on frozen rows. PostgreSQL: ILIKE, served by the
 * column's pg_trgm index. SQLite: the rows the column's FTS5 trigram index finds for the fragment
 * (migrations 20261201123000_message_search and 20261201182956_audit_search_order_indexes), then
 * the same LIKE as always, which keeps the rule exact (the index folds case beyond ASCII, so it
 * finds a superset). Shorter fragments are a scan.
 */
function textClause(alias: string, columnName: keyof typeof TEXT_SEARCH_TABLE, fragment: string, params: SqlParameters): string {
  const like = () => containsClause(`${alias}."${columnName}"`, fragment, params);
  if (params.provider === "postgresql" || [...fragment].length < TRIGRAM) return like();
  // Parameters in the order of their placeholders (SQLite's are positional).
  const table = TEXT_SEARCH_TABLE[columnName];
  const indexed = `${alias}.rowid IN (SELECT rowid FROM "${table}" WHERE "${table}" MATCH ${params.add(`"${fragment.replaceAll('"', '""')}"`)})`;
  return `${indexed} AND ${like()}`;
}

export type Direction = "after" | "before";

/**
 * Keyset condition on (frozenAt, stepRunId[, id]) for the newest-first order: "after" a cursor
 * means older rows, "before" means newer ones. Row-value comparisons use the composite index
 * on both providers.
 */
export function keysetCondition(columns: string[], cursor: AuditCursor, direction: Direction, params: SqlParameters): string {
  const values = [params.add(new Date(cursor.frozenAt)), params.add(cursor.stepRunId)];
  if (columns.length === 3) values.push(params.add(cursor.objectId ?? ""));
  return `(${columns.join(", ")}) ${direction === "after" ? "<" : ">"} (${values.join(", ")})`;
}

export const orderBy = (columns: string[], direction: Direction) => columns.map((column) => `${column} ${direction === "after" ? "DESC" : "ASC"}`).join(", ");
