// Prisma CLI configuration. We use Prisma 6.19 with the JavaScript engine and driver adapters
// so that `prisma generate` and `prisma migrate diff` run entirely from npm packages (no native
// engine download, which fails behind strict proxies). The adapter here is only used by the CLI;
// the app connects through server/store/database.ts. Schema: PRISMA_PROVIDER selects which
// generated schema the CLI works on (default sqlite).
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

const provider = process.env.PRISMA_PROVIDER === "postgresql" ? "postgresql" : "sqlite";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: `prisma/generated/${provider}/schema.prisma`,
  async adapter() {
    if (provider === "postgresql") {
      return new PrismaPg({ connectionString: process.env.DATABASE_URL ?? "postgresql://127.0.0.1:5432/postgres" });
    }
    // In memory: the CLI only needs a connection to diff schemas, never our data.
    return new PrismaBetterSQLite3({ url: ":memory:" });
  },
});
