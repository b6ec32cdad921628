// Creates the next migration for both providers, offline, from the change in prisma/models.prisma:
//   npm run migrations:create -- <name>
// Each migration folder keeps a copy of the schema it migrates to (schema.prisma), so the next
// diff is computed from that copy to the current schema with `prisma migrate diff` (no database,
// no shadow database: `prisma migrate` against PostgreSQL fails with the 6.19 pg adapter, see
// docs/decisions.md). Migrations are applied at start-up by server/store/migrate.ts.
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { generatedSchemaFile, migrationsDir, providers } from "./providers.ts";

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]+/gi, "_").toLowerCase();
if (!name) {
  console.error("usage: npm run migrations:create -- <name>");
  process.exit(2);
}
execFileSync("npx", ["tsx", "prisma/generate.ts", "--schemas-only"], { stdio: "inherit" });
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);

for (const provider of providers) {
  const dir = migrationsDir(provider);
  mkdirSync(dir, { recursive: true });
  const previous = existsSync(dir)
    ? readdirSync(dir)
        .filter((entry) => /^\d{14}_/.test(entry))
        .sort()
        .at(-1)
    : undefined;
  const from = previous ? ["--from-schema-datamodel", join(dir, previous, "schema.prisma")] : ["--from-empty"];
  const sql = execFileSync("npx", ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", generatedSchemaFile(provider), "--script"], {
    encoding: "utf8",
    env: { ...process.env, PRISMA_PROVIDER: provider },
  });
  if (/^-- This is an empty migration\.\s*$/.test(sql.trim())) {
    console.log(`${provider}: no changes`);
    continue;
  }
  const folder = join(dir, `${stamp}_${name}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, "migration.sql"), sql);
  copyFileSync(generatedSchemaFile(provider), join(folder, "schema.prisma"));
  console.log(`${provider}: wrote ${folder}/migration.sql`);
}
