// Applies the committed migrations (prisma/migrations/<provider>/*/migration.sql) at start-up.
// Why our own runner: `prisma migrate deploy` fails on PostgreSQL with the 6.19 pg adapter
// (prisma/orm#27403) and needs the CLI at run time. This one runs each pending migration in one
// transaction, records its checksum, refuses to start when an applied migration was edited, and
// holds a lock (PostgreSQL advisory lock / SQLite write lock) so several instances can start at once.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import Sqlite from "better-sqlite3";
import pg from "pg";
import { databaseProvider, sqliteFilePath } from "../config.ts";

export type Migration = { name: string; sql: string; checksum: string };
export type MigrationResult = { applied: string[]; alreadyApplied: number };

const MIGRATIONS_ROOT = resolve(import.meta.dirname, "../../prisma/migrations");
const LOCK_KEY = 727_274_001; // arbitrary, constant: the advisory lock id of this app's migrations

export function loadMigrations(provider: "sqlite" | "postgresql", root = MIGRATIONS_ROOT): Migration[] {
  const dir = join(root, provider);
  return readdirSync(dir)
    .filter((entry) => existsSync(join(dir, entry, "migration.sql")))
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

function pending(migrations: Migration[], applied: Map<string, string>): Migration[] {
  for (const [name, checksum] of applied) {
    const local = migrations.find((m) => m.name === name);
    if (!local) throw new Error(`Database has migration ${name}, which this version of the app does not know. Is it older than the database?`);
    if (local.checksum !== checksum) throw new Error(`Migration ${name} was changed after it was applied (checksum mismatch). Create a new migration instead.`);
  }
  return migrations.filter((m) => !applied.has(m.name));
}

export async function migrateDatabase(databaseUrl: string): Promise<MigrationResult> {
  const provider = databaseProvider(databaseUrl);
  const migrations = loadMigrations(provider);
  return provider === "sqlite" ? migrateSqlite(databaseUrl, migrations) : migratePostgres(databaseUrl, migrations);
}

function migrateSqlite(databaseUrl: string, migrations: Migration[]): MigrationResult {
  const file = sqliteFilePath(databaseUrl);
  mkdirSync(dirname(file), { recursive: true });
  const db = new Sqlite(file);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 10000");
    db.exec(`CREATE TABLE IF NOT EXISTS "_kdeploy_migrations" ("name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TEXT NOT NULL)`);
    // BEGIN IMMEDIATE takes the write lock, so a second process waits instead of racing.
    const run = db.transaction(() => {
      const rows = db.prepare(`SELECT "name", "checksum" FROM "_kdeploy_migrations"`).all() as { name: string; checksum: string }[];
      const todo = pending(migrations, new Map(rows.map((r) => [r.name, r.checksum])));
      for (const migration of todo) {
        db.exec(migration.sql);
        db.prepare(`INSERT INTO "_kdeploy_migrations" ("name", "checksum", "appliedAt") VALUES (?, ?, ?)`).run(
          migration.name,
          migration.checksum,
          new Date().toISOString(),
        );
      }
      return { applied: todo.map((m) => m.name), alreadyApplied: rows.length };
    });
    return run.immediate();
  } finally {
    db.close();
  }
}

async function migratePostgres(databaseUrl: string, migrations: Migration[]): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS "_kdeploy_migrations" ("name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TIMESTAMPTZ NOT NULL)`,
    );
    const { rows } = await client.query<{ name: string; checksum: string }>(`SELECT "name", "checksum" FROM "_kdeploy_migrations"`);
    const todo = pending(migrations, new Map(rows.map((r) => [r.name, r.checksum])));
    for (const migration of todo) {
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query(`INSERT INTO "_kdeploy_migrations" ("name", "checksum", "appliedAt") VALUES ($1, $2, now())`, [migration.name, migration.checksum]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
      }
    }
    return { applied: todo.map((m) => m.name), alreadyApplied: rows.length };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}
