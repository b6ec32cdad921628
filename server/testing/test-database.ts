// Fresh, migrated databases for tests: a temporary SQLite file, or a new database on the
// PostgreSQL server named by KDEPLOY_TEST_POSTGRES_URL (started by scripts/test-all.sh).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { createDatabase, type Database } from "../store/database.ts";
import { migrateDatabase } from "../store/migrate.ts";

export type TestDatabase = { provider: "sqlite" | "postgresql"; url: string; db: Database; cleanup(): Promise<void> };

export const postgresTestUrl = process.env.KDEPLOY_TEST_POSTGRES_URL;

/** The providers tests run on: SQLite always, PostgreSQL when its server is configured. */
export const testProviders = (): ("sqlite" | "postgresql")[] => (postgresTestUrl ? ["sqlite", "postgresql"] : ["sqlite"]);

/**
 * The one provider of this run for tests that use a single database (the integration and fault
 * harnesses): KDEPLOY_TEST_DATABASE=sqlite (the default) or postgresql. scripts/test-all.sh runs
 * those stages once per provider; run-node-tests.mjs picks for the PostgreSQL pass only the files
 * that call this (directly or through setUpDeployments), since the others touch no database.
 */
export function testDatabaseProvider(): "sqlite" | "postgresql" {
  const chosen = process.env.KDEPLOY_TEST_DATABASE ?? "sqlite";
  if (chosen !== "sqlite" && chosen !== "postgresql") throw new Error(`KDEPLOY_TEST_DATABASE must be sqlite or postgresql, not ${chosen}`);
  if (chosen === "postgresql" && !postgresTestUrl) throw new Error("KDEPLOY_TEST_DATABASE=postgresql needs KDEPLOY_TEST_POSTGRES_URL");
  return chosen;
}

export async function createTestDatabase(provider: "sqlite" | "postgresql"): Promise<TestDatabase> {
  if (provider === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "kdeploy-test-"));
    const url = `file:${join(dir, "test.db")}`;
    await migrateDatabase(url);
    const db = createDatabase(url);
    return { provider, url, db, cleanup: async () => (await db.$disconnect(), rmSync(dir, { recursive: true, force: true })) };
  }
  if (!postgresTestUrl) throw new Error("KDEPLOY_TEST_POSTGRES_URL is not set (scripts/test-all.sh starts PostgreSQL and sets it)");
  const name = `kdeploy_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: postgresTestUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(postgresTestUrl);
  url.pathname = `/${name}`;
  await migrateDatabase(url.toString());
  const db = createDatabase(url.toString());
  return {
    provider,
    url: url.toString(),
    db,
    cleanup: async () => {
      await db.$disconnect();
      const client = new pg.Client({ connectionString: postgresTestUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}
