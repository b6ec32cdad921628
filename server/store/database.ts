// The one Prisma client of the process. SQLite (better-sqlite3, through ./sqlite-adapter.ts) for file: URLs,
// PostgreSQL (pg adapter) for postgres:// URLs. Both generated clients have the same models, so
// the app is typed against one of them. The client is kept on globalThis because Next's route
// code and the custom server can load separate copies of this module.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client.ts";
import { PrismaClient as PostgresClient } from "./generated/postgresql/client.ts";
import { databaseProvider, loadConfig, sqliteFilePath } from "../config.ts";
import type { Logger } from "../logging.ts";
import { patientSqliteAdapter, SQLITE_TRANSACTION_OPTIONS } from "./sqlite-adapter.ts";
import { withRawTransactions } from "./raw-transaction.ts";
import { privateFile, privateParentDirectory, tightenIfPresent } from "../security/private-files.ts";

export type Database = SqliteClient;
export type { Prisma } from "./generated/sqlite/client.ts";

/** The PostgreSQL pool's size when KDEPLOY_DATABASE_POOL_SIZE is not set. */
export const DEFAULT_POOL_SIZE = 10;

/**
 * How many connections this process opens to PostgreSQL at most (KDEPLOY_DATABASE_POOL_SIZE, a
 * whole number from 1 to 1000; docs/operations.md, "PostgreSQL"). Every instance has its own pool:
 * instances × pool size must stay under the server's max_connections. Unused with SQLite.
 */
export function databasePoolSize(env: Record<string, string | undefined> = process.env): number {
  const text = env.KDEPLOY_DATABASE_POOL_SIZE?.trim();
  if (!text) return DEFAULT_POOL_SIZE;
  const size = Number(text);
  if (!/^\d+$/.test(text) || size < 1 || size > 1000)
    throw new Error(`KDEPLOY_DATABASE_POOL_SIZE must be a whole number from 1 to 1000 (connections per instance), not "${text}"`);
  return size;
}

/** `poolSize`: PostgreSQL only (default: databasePoolSize(), read from the environment). */
export function createDatabase(databaseUrl: string, poolSize?: number): Database {
  if (databaseProvider(databaseUrl) === "postgresql") {
    const adapter = withRawTransactions(new PrismaPg({ connectionString: databaseUrl, max: poolSize ?? databasePoolSize() }));
    return new PostgresClient({ adapter }) as unknown as Database;
  }
  const file = sqliteFilePath(databaseUrl);
  protectSqliteFiles(file); // quietly: start-up (server/index.ts) already said what it tightened
  // Waits for a locked database asynchronously, never on the event loop (sqlite-adapter.ts).
  return new SqliteClient({ adapter: withRawTransactions(patientSqliteAdapter(file)), transactionOptions: SQLITE_TRANSACTION_OPTIONS });
}

/**
 * The database file and its companions readable by the server's user only (0600). Called before
 * the first connection (server/index.ts before migrations, with its log, and here): SQLite creates
 * -wal and -shm with the database file's mode, so a private database file keeps them private too.
 */
export function protectSqliteFiles(file: string, log?: Pick<Logger, "warn">): void {
  privateParentDirectory(file);
  privateFile(file, log);
  for (const companion of ["-wal", "-shm", "-journal"]) tightenIfPresent(`${file}${companion}`, log);
}

const holder = globalThis as typeof globalThis & { __kdeployDatabase?: Database };

/** The process-wide client, created on first use from DATABASE_URL (or the embedded default). */
export function database(): Database {
  holder.__kdeployDatabase ??= createDatabase(loadConfig().databaseUrl);
  return holder.__kdeployDatabase;
}

export async function closeDatabase(): Promise<void> {
  const db = holder.__kdeployDatabase;
  holder.__kdeployDatabase = undefined;
  await db?.$disconnect();
}
