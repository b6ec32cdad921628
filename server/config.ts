// Every setting the server reads from its environment, parsed once, with defaults a new user
// can run with. Documented in the README (Configuration).
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
  // The address people use to reach the app (scheme://host[:port]). Requests whose Host or Origin
  // is not one of the app's own origins are refused (DNS rebinding, CSRF); sign-in links use it.
  KDEPLOY_PUBLIC_URL: z.url().optional(),
  KDEPLOY_ADMIN_EMAIL: z.string().optional(),
  KDEPLOY_ADMIN_PASSWORD: z.string().optional(),
  KDEPLOY_SESSION_HOURS: z.coerce
    .number()
    .min(0.01)
    .max(24 * 30)
    .default(12),
  // Sign-in attempts per client address per minute (every attempt counts, the right password too).
  // Raise it when many people sign in from behind one address (an office NAT, a proxy).
  KDEPLOY_SIGN_IN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(5),
  // OIDC sign-in with an organisation's identity provider (all three, or none).
  KDEPLOY_OIDC_ISSUER: z.url().optional(),
  KDEPLOY_OIDC_CLIENT_ID: z.string().optional(),
  KDEPLOY_OIDC_CLIENT_SECRET: z.string().optional(),
  KDEPLOY_OIDC_NAME: z.string().default("Single sign-on"),
  KDEPLOY_OIDC_GROUPS_CLAIM: z.string().default("groups"),
  // The bearer token Prometheus sends to scrape /metrics; unset: /metrics is off (docs/operations.md).
  KDEPLOY_METRICS_TOKEN: z.string().min(32, "KDEPLOY_METRICS_TOKEN must be at least 32 characters (e.g. openssl rand -hex 32)").optional(),
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
    publicUrl: publicUrl(parsed.KDEPLOY_PUBLIC_URL, parsed.HOST, parsed.PORT),
    allowedOrigins: allowedOrigins(parsed.KDEPLOY_PUBLIC_URL, parsed.HOST, parsed.PORT),
    sessionHours: parsed.KDEPLOY_SESSION_HOURS,
    signInAttemptsPerMinute: parsed.KDEPLOY_SIGN_IN_ATTEMPTS_PER_MINUTE,
    oidc:
      parsed.KDEPLOY_OIDC_ISSUER && parsed.KDEPLOY_OIDC_CLIENT_ID && parsed.KDEPLOY_OIDC_CLIENT_SECRET
        ? {
            issuer: parsed.KDEPLOY_OIDC_ISSUER.replace(/\/$/, ""),
            clientId: parsed.KDEPLOY_OIDC_CLIENT_ID,
            clientSecret: parsed.KDEPLOY_OIDC_CLIENT_SECRET,
            name: parsed.KDEPLOY_OIDC_NAME,
            groupsClaim: parsed.KDEPLOY_OIDC_GROUPS_CLAIM,
          }
        : undefined,
    initialAdmin:
      parsed.KDEPLOY_ADMIN_EMAIL && parsed.KDEPLOY_ADMIN_PASSWORD ? { email: parsed.KDEPLOY_ADMIN_EMAIL, password: parsed.KDEPLOY_ADMIN_PASSWORD } : undefined,
    metricsToken: parsed.KDEPLOY_METRICS_TOKEN,
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

const loopback = (host: string) => host === "127.0.0.1" || host === "localhost" || host === "::1" || host === "0.0.0.0";

function publicUrl(configured: string | undefined, host: string, port: number): string {
  if (configured) return new URL(configured).origin;
  return `http://${loopback(host) ? "127.0.0.1" : host}:${port}`;
}

/**
 * The origins the app answers to: the public URL, and on a loopback address also
 * http://127.0.0.1:PORT and http://localhost:PORT (what a newcomer types).
 */
function allowedOrigins(configured: string | undefined, host: string, port: number): string[] {
  const origins = new Set<string>([publicUrl(configured, host, port)]);
  if (!configured || loopback(host)) {
    origins.add(`http://127.0.0.1:${port}`);
    origins.add(`http://localhost:${port}`);
  }
  return [...origins];
}
