// Writes one Prisma schema per provider from prisma/models.prisma and generates both clients.
// Why two: a Prisma schema has exactly one provider, and we ship SQLite (embedded default)
// and PostgreSQL (production) from one set of models. See docs/decisions.md.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { execFileSync } from "node:child_process";
import { generatedSchemaFile, modelsFile, providers, schemaHeader } from "./providers.ts";

const models = readFileSync(modelsFile, "utf8");
for (const provider of providers) {
  const file = generatedSchemaFile(provider);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${schemaHeader(provider)}\n${models}`);
  if (!process.argv.includes("--schemas-only")) {
    execFileSync("npx", ["prisma", "generate", "--schema", file], {
      stdio: "inherit",
      env: { ...process.env, PRISMA_PROVIDER: provider },
    });
  }
}
