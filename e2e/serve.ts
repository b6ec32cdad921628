// Starts the production server for a browser-test run on a fresh database: a new SQLite file,
// or a new database on the test PostgreSQL (E2E_DATABASE=postgresql, KDEPLOY_TEST_POSTGRES_URL).
// Refuses anything but a local database, so a test run can never touch real data.
// E2E_REDIS_URL (a local Redis; scripts/test-all.sh sets it for the PostgreSQL pass) becomes the
// server's REDIS_URL: the production shape of several instances, live rows through Redis.
// The administrator exists from the start (KDEPLOY_ADMIN_EMAIL / KDEPLOY_ADMIN_PASSWORD), and a
// local OIDC provider (e2e/oidc/provider.ts) runs beside the server for single sign-on; both
// stop with this process. The first-run spec starts its own server without an administrator.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn } from "node:child_process";
import pg from "pg";
import { ADMIN, OIDC_CLIENT, appPort, appUrl, oidcPort } from "./run-settings.ts";
import { startOidcProvider } from "./oidc/provider.ts";

const provider = process.env.E2E_DATABASE === "postgresql" ? "postgresql" : "sqlite";
const dataDir = mkdtempSync(join(tmpdir(), `kdeploy-e2e-${provider}-`));
let databaseUrl = `file:${join(dataDir, "e2e.db")}`;

if (provider === "postgresql") {
  const adminUrl = process.env.KDEPLOY_TEST_POSTGRES_URL;
  if (!adminUrl) throw new Error("E2E_DATABASE=postgresql needs KDEPLOY_TEST_POSTGRES_URL (scripts/test-all.sh sets it)");
  const url = new URL(adminUrl);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(url.hostname)) throw new Error(`Refusing a non-local test database: ${url.hostname}`);
  const name = `kdeploy_e2e_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  url.pathname = `/${name}`;
  databaseUrl = url.toString();
}
const redisUrl = process.env.E2E_REDIS_URL;
if (redisUrl && !["127.0.0.1", "localhost", "[::1]"].includes(new URL(redisUrl).hostname)) throw new Error(`Refusing a non-local Redis: ${redisUrl}`);

// Before the server: it reads the provider's discovery document when it builds its sign-in.
const identityProvider = await startOidcProvider({
  port: oidcPort,
  clientId: OIDC_CLIENT.id,
  clientSecret: OIDC_CLIENT.secret,
  redirectUri: `${appUrl}/api/auth/callback/oidc`,
});

const server = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
  stdio: "inherit",
  env: {
    ...process.env,
    NODE_ENV: "production",
    KDEPLOY_DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    HOST: "127.0.0.1",
    PORT: String(appPort),
    LOG_LEVEL: "warn",
    // The configuration spec saves a Kustomize step reading /srv/app/overlays/prod (never rendered):
    // server paths are only accepted under a root an administrator configured.
    KDEPLOY_SERVER_PATH_ROOTS: "/srv/app",
    // Every spec signs people in through the form, more often than the default 5 per minute allows
    // from one address (the limit itself has unit tests).
    KDEPLOY_SIGN_IN_ATTEMPTS_PER_MINUTE: "60",
    KDEPLOY_ADMIN_EMAIL: ADMIN.email,
    KDEPLOY_ADMIN_PASSWORD: ADMIN.password,
    KDEPLOY_OIDC_ISSUER: identityProvider.issuer,
    KDEPLOY_OIDC_CLIENT_ID: OIDC_CLIENT.id,
    KDEPLOY_OIDC_CLIENT_SECRET: OIDC_CLIENT.secret,
    KDEPLOY_OIDC_NAME: OIDC_CLIENT.name,
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
  },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => {
  void identityProvider.close().finally(() => process.exit(code ?? 0));
});
