// Every setting the server reads from its environment, parsed once, with defaults a new user
// can run with. Documented in docs/configuration.md.
import { resolve } from "node:path";
import { z } from "zod";

const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // 127.0.0.1 by default: the app holds cluster credentials, so exposing it is a deliberate act.
  HOST: z.string().min(1).default("127.0.0.1"),
  KDEPLOY_DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z.string().optional(),
  KDEPLOY_SECRET_KEY: z.string().optional(),
  KDEPLOY_SECRET_KEY_FILE: z.string().optional(),
  REDIS_URL: z.string().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  NODE_ENV: z.string().default("development"),
});

export type AppConfig = ReturnType<typeof loadConfig>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = schema.parse(env);
  const dataDir = resolve(parsed.KDEPLOY_DATA_DIR);
  const databaseUrl = parsed.DATABASE_URL ?? `file:${resolve(dataDir, "kdeploy.db")}`;
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    dataDir,
    databaseUrl,
    secretKey: parsed.KDEPLOY_SECRET_KEY,
    secretKeyFile: parsed.KDEPLOY_SECRET_KEY_FILE ?? resolve(dataDir, "secret.key"),
    redisUrl: parsed.REDIS_URL,
    logLevel: parsed.LOG_LEVEL,
    production: parsed.NODE_ENV === "production",
  };
}

export function databaseProvider(databaseUrl: string): "sqlite" | "postgresql" {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return "postgresql";
  if (databaseUrl.startsWith("file:")) return "sqlite";
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgres:// (PostgreSQL), got ${databaseUrl.split(":")[0]}:`);
}

export function sqliteFilePath(databaseUrl: string): string {
  return resolve(databaseUrl.replace(/^file:/, ""));
}
