// The few differences between SQLite and PostgreSQL that the audit queries need. The search is
// hand-written SQL (row-value keyset comparisons, GROUP BY in index order, trigram-friendly
// ILIKE) because those shapes are what keep it fast on a million rows; Prisma's query builder
// cannot express them.
import type { Database } from "../store/database.ts";

export type Provider = "sqlite" | "postgresql";

/** The provider of a client. `_activeProvider` is internal to Prisma but stable across 6.x. */
export function providerOf(db: Database): Provider {
  const provider = (db as unknown as { _activeProvider?: string })._activeProvider;
  return provider === "postgresql" ? "postgresql" : "sqlite";
}

/** Collects parameters and hands out the provider's placeholder for each. */
export class SqlParameters {
  readonly values: unknown[] = [];
  constructor(readonly provider: Provider) {}

  add(value: string | number | Date): string {
    // Prisma's SQLite adapter stores DateTime as ISO text with "+00:00"; comparing text with text
    // in the same format keeps the index usable.
    this.values.push(value instanceof Date && this.provider === "sqlite" ? sqliteTimestamp(value) : value);
    return this.provider === "sqlite" ? "?" : `$${this.values.length}`;
  }
}

export const sqliteTimestamp = (date: Date) => date.toISOString().replace("Z", "+00:00");

/** LIKE pattern for a literal fragment (\ escapes % and _). */
export const likeLiteral = (fragment: string) => fragment.replace(/[\\%_]/g, (match) => `\\${match}`);

/** Case-insensitive "contains" on both providers (SQLite LIKE is ASCII case-insensitive). */
export function containsClause(column: string, fragment: string, params: SqlParameters): string {
  const operator = params.provider === "postgresql" ? "ILIKE" : "LIKE";
  return `${column} ${operator} ${params.add(`%${likeLiteral(fragment)}%`)} ESCAPE '\\'`;
}

/**
 * Case-sensitive prefix. SQLite: a range on the BINARY-collated column, which its B-tree index
 * serves (its LIKE optimisation needs NOCASE columns). PostgreSQL: LIKE 'x%', which the trigram
 * GIN index serves whatever the database collation is.
 */
export function prefixClause(column: string, prefix: string, params: SqlParameters): string {
  if (params.provider === "postgresql") return `${column} LIKE ${params.add(`${likeLiteral(prefix)}%`)} ESCAPE '\\'`;
  return `${column} >= ${params.add(prefix)} AND ${column} < ${params.add(`${prefix}\u{10FFFF}`)}`;
}

/** Raw query results: SQLite gives Date for DATETIME columns, text for expressions. */
export function isoTime(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "string") return new Date(value).toISOString();
  if (typeof value === "number") return new Date(value).toISOString();
  throw new Error(`Not a timestamp: ${String(value)}`);
}

/** SQLite returns count(*) as number, PostgreSQL as bigint. */
export const toCount = (value: unknown) => Number(value);

export async function queryRows<T>(db: Database, sql: string, params: SqlParameters): Promise<T[]> {
  return db.$queryRawUnsafe<T[]>(sql, ...params.values);
}
