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
import { privateFile, privateParentDirectory, tightenIfPresent } from "../security/private-files.ts";

export type Database = SqliteClient;
export type { Prisma } from "./generated/sqlite/client.ts";

export function createDatabase(databaseUrl: string): Database {
  if (databaseProvider(databaseUrl) === "postgresql") {
    const adapter = new PrismaPg({ connectionString: databaseUrl, max: 10 });
    return new PostgresClient({ adapter }) as unknown as Database;
  }
  const file = sqliteFilePath(databaseUrl);
  protectSqliteFiles(file); // quietly: start-up (server/index.ts) already said what it tightened
  // Waits for a locked database asynchronously, never on the event loop (sqlite-adapter.ts).
  return new SqliteClient({ adapter: patientSqliteAdapter(file), transactionOptions: SQLITE_TRANSACTION_OPTIONS });
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
