// The freeze's bulk path (issue 12, 3): a snapshot's rows and transitions written with raw
// statements instead of Prisma's createMany, whose per-row query building, parameter handling and
// result mapping cost about 1 ms a row (10,000 rows took 6–11 s). Each chunk of records is one
// INSERT … SELECT reading the chunk from ONE bound parameter, a JSON array of arrays (SQLite
// json_each; PostgreSQL jsonb_array_elements: jsonb is parsed once, so reading 15 fields of an
// element costs a tenth of json's re-parsing), and the values every record shares (the step, its
// freeze time and context) are bound once; so a chunk is one parameter, not 21 a row. Inside the
// freeze the statements run on the driver adapter's own transaction (raw-transaction.ts).
// The values are exactly those Prisma writes for the same models (a test compares them column by
// column): on SQLite dates as "YYYY-MM-DDTHH:MM:SS.mmm+00:00" text, booleans as 0/1, JSON as
// text; on PostgreSQL timestamp(3) in UTC, boolean, jsonb.
import { randomBytes } from "node:crypto";
import { sqliteTimestamp } from "../audit/sql-dialect.ts";
import { statements, type StatementClient } from "./raw-transaction.ts";

type Client = StatementClient;
export type ColumnType = "text" | "boolean" | "date" | "json";
/** A JSON column takes any JSON value; the others a string, boolean or Date (null: NULL). */
export type Value = unknown;
type Provider = "sqlite" | "postgresql";

/**
 * Records per statement at most: a chunk of 5,000 table rows is about 2 MB of JSON, and a freeze
 * of 1,000 rows is one statement (with 999 it took a second one for its last row).
 */
export const BULK_CHUNK = 5_000;
/**
 * Characters of JSON per statement at most: rows carrying large manifests (a ConfigMap may hold
 * 1 MiB) end a chunk early, far below SQLite's 1,000,000,000-byte string limit and PostgreSQL's
 * 1 GB for one value.
 */
export const BULK_CHUNK_CHARS = 16 * 1024 * 1024;

export const OBJECT_ROW_COLUMNS = {
  id: "text",
  stepRunId: "text",
  objectKey: "text",
  uid: "text",
  parentKey: "text",
  topLevel: "boolean",
  apiVersion: "text",
  kind: "text",
  namespace: "text",
  name: "text",
  status: "text",
  message: "text",
  summary: "text",
  lastChangeAt: "date",
  manifest: "json",
  observed: "json",
  frozenTransitions: "json",
  updatedAt: "date",
  frozenAt: "date",
  stepStatus: "text",
  projectId: "text",
  environmentId: "text",
} as const satisfies Record<string, ColumnType>;

export const TRANSITION_COLUMNS = { stepRunId: "text", objectKey: "text", at: "date", status: "text", message: "text" } as const satisfies Record<
  string,
  ColumnType
>;

const POSTGRES_TYPE: Record<ColumnType, string> = { text: "text", boolean: "boolean", date: "timestamp(3)", json: "jsonb" };

/** A value as text for its column (null stays null): what the database stores, before its cast. */
export function asText(provider: Provider, type: ColumnType, value: Value): string | null {
  if (value === null || value === undefined) return null;
  if (type === "date") {
    const date = value as Date;
    // timestamp(3) keeps no zone: Prisma writes the UTC wall time, so does this.
    return provider === "sqlite" ? sqliteTimestamp(date) : date.toISOString().slice(0, -1);
  }
  if (type === "json") return JSON.stringify(value);
  if (type === "boolean") return provider === "sqlite" ? (value ? "1" : "0") : String(value);
  return value as string;
}

/** A record's value in its chunk: its text, but a JSON value on PostgreSQL as itself (read by `e -> i`, parsed once with the chunk). */
function inChunk(provider: Provider, type: ColumnType, value: Value): unknown {
  if (provider === "postgresql" && type === "json") return value ?? null;
  return asText(provider, type, value);
}

const quote = (name: string) => `"${name}"`;

/**
 * Inserts `records` into `table` in chunks, one statement each, in whatever transaction `client`
 * is. `shared` holds the columns every record has the same value in (bound once per statement);
 * `perRecord` names the columns each record carries. A column absent from a record is NULL.
 * A chunk ends at `limits.records` records or before `limits.chars` characters of JSON (a record
 * larger than that goes alone). Returns the number of statements.
 */
export async function bulkInsert<C extends Record<string, ColumnType>>(
  client: Client,
  provider: Provider,
  table: string,
  columns: C,
  shared: Partial<Record<keyof C & string, Value>>,
  perRecord: (keyof C & string)[],
  records: Partial<Record<keyof C & string, Value>>[],
  limits: { records?: number; chars?: number } = {},
): Promise<number> {
  const maxRecords = limits.records ?? BULK_CHUNK;
  const maxChars = limits.chars ?? BULK_CHUNK_CHARS;
  const sharedNames = Object.keys(shared) as (keyof C & string)[];
  const names = [...sharedNames, ...perRecord].map(quote).join(", ");
  const sharedValues = sharedNames.map((name) => asText(provider, columns[name]!, shared[name]));
  const placeholder = (i: number, name: string) => (provider === "sqlite" ? "?" : `$${i + 1}::${POSTGRES_TYPE[columns[name]!]}`);
  const element = (i: number, name: string) => {
    if (provider === "sqlite") {
      // ->> of a JSON boolean is 1/0 already; text stays text; JSON columns travel as their text.
      return `e.value ->> ${i}`;
    }
    // A JSON null in the chunk is SQL NULL, as Prisma writes an absent Json? value.
    if (columns[name] === "json") return `NULLIF(e -> ${i}, 'null'::jsonb)`;
    return `(e ->> ${i})::${POSTGRES_TYPE[columns[name]!]}`;
  };
  const select = [...sharedNames.map((name, i) => placeholder(i, name)), ...perRecord.map((name, i) => element(i, name))].join(", ");
  const source = provider === "sqlite" ? `json_each(?) AS e` : `jsonb_array_elements($${sharedNames.length + 1}::jsonb) AS e`;
  const statement = `INSERT INTO ${quote(table)} (${names}) SELECT ${select} FROM ${source}`;
  const sql = statements(client);
  let count = 0;
  let chunk: string[] = [];
  let chars = 0;
  const flush = async () => {
    if (chunk.length === 0) return;
    await sql.execute(statement, [...sharedValues, `[${chunk.join(",")}]`]);
    count++;
    chunk = [];
    chars = 0;
  };
  for (const record of records) {
    const encoded = JSON.stringify(perRecord.map((name) => inChunk(provider, columns[name]!, record[name])));
    if (chunk.length > 0 && (chunk.length >= maxRecords || chars + encoded.length > maxChars)) await flush();
    chunk.push(encoded);
    chars += encoded.length + 1;
  }
  await flush();
  return count;
}

/**
 * Ids in the shape of Prisma's cuid() ("c", a 24-character lower-case base-36 tail) that sort in
 * the order they were made, as consecutive cuids do: a prefix per call (time and randomness) and a
 * fixed-width counter. The audit search orders a snapshot's rows by id (keyset cursor).
 */
export function cuidLikeIds(count: number): string[] {
  const time = Date.now().toString(36).padStart(9, "0").slice(-9);
  const random = BigInt(`0x${randomBytes(8).toString("hex")}`)
    .toString(36)
    .padStart(9, "0")
    .slice(-9);
  return Array.from({ length: count }, (_, i) => `c${time}${random}${i.toString(36).padStart(6, "0")}`);
}
