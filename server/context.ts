// The process-wide services routes need: database, sealer, authentication, executor, logger.
// Kept on globalThis because Next's route bundles and the custom server load separate module copies.
import { database, type Database } from "./store/database.ts";
import { sealer } from "./security/sealer.ts";
import { logger, type Logger } from "./logging.ts";
import { createExecutor, type DeploymentExecutor } from "./deploy/executor.ts";
import { POLL_MS } from "./deploy/queue/claims.ts";
import type { Sealer } from "./security/credentials.ts";
import { createAuth, type Auth } from "./auth/auth-instance.ts";
import { databaseProvider, loadConfig } from "./config.ts";

export type AppContext = { db: Database; sealer: Sealer; auth: Auth; executor: DeploymentExecutor; log: Logger };

const holder = globalThis as typeof globalThis & { __kdeployContext?: AppContext };

export function appContext(): AppContext {
  if (!holder.__kdeployContext) {
    const db = database();
    const log = logger();
    const config = loadConfig();
    const auth = createAuth({
      db,
      provider: databaseProvider(config.databaseUrl),
      secret: sealer().deriveSecret("sessions"),
      publicUrl: config.publicUrl,
      allowedOrigins: config.allowedOrigins,
      sessionHours: config.sessionHours,
      signInRateLimit: { window: 60, max: config.signInAttemptsPerMinute },
      oidc: config.oidc,
    });
    holder.__kdeployContext = {
      db,
      sealer: sealer(),
      auth,
      log,
      executor: createExecutor(db, sealer(), log.child({ module: "executor" }), { queue: { pollMs: POLL_MS } }),
    };
  }
  return holder.__kdeployContext;
}

export function resetAppContext(): void {
  holder.__kdeployContext = undefined;
}
