// Bootstrap only: configuration → private data files → migrations → Next → HTTP server +
// Socket.IO → listen, and a graceful shutdown on SIGTERM/SIGINT/SIGHUP (stop accepting, checkpoint
// the running steps, which the next start resumes, close the database). Every HTTP request passes the Host check and gets the security
// headers (server/http/) before Next or Socket.IO sees it.
import { createServer } from "node:http";
import next from "next";
import { loadConfig, databaseProvider, sqliteFilePath } from "./config.ts";
import { logger } from "./logging.ts";
import { migrateDatabase } from "./store/migrate.ts";
import { closeDatabase, protectSqliteFiles } from "./store/database.ts";
import { privateDirectory } from "./security/private-files.ts";
import { admitHost } from "./http/host-guard.ts";
import { applySecurityHeaders } from "./http/security-headers.ts";
import { CLIENT_ADDRESS_HEADER } from "./auth/auth-instance.ts";
import { REQUEST_PATH_HEADER } from "./auth/request-headers.ts";
import { announceSetupLink, prepareFirstRun } from "./auth/first-run.ts";
import { sealLegacyYamlSteps } from "./process/seal-legacy-steps.ts";
import { appContext } from "./context.ts";
import { attachSocketServer } from "./live/socket-server.ts";
import { appMetrics } from "./metrics/app-metrics.ts";
import { serveMetrics } from "./metrics/metrics-endpoint.ts";

const SHUTDOWN_GRACE_MS = 15_000;

async function main() {
  const config = loadConfig();
  const log = logger();
  const dev = process.argv.includes("--dev");
  privateDirectory(config.dataDir, log);

  const provider = databaseProvider(config.databaseUrl);
  if (provider === "sqlite") protectSqliteFiles(sqliteFilePath(config.databaseUrl), log);
  const migrations = await migrateDatabase(config.databaseUrl);
  log.info({ provider, applied: migrations.applied, alreadyApplied: migrations.alreadyApplied }, "database ready");

  const context = appContext(); // creates the key file on first start, before any request needs it
  await sealLegacyYamlSteps(context.db, context.sealer, log);
  const app = next({ dev, hostname: config.host, port: config.port, dir: process.cwd() });
  await app.prepare();
  const handle = app.getRequestHandler();
  const metrics = appMetrics(context, { socketClients: () => io.sockets.sockets.size });
  const onMetricsError = (error: unknown) => log.error({ err: error }, "collecting the metrics failed");

  const httpServer = createServer((request, response) => {
    applySecurityHeaders(request, response, { dev });
    // /metrics (bearer token) comes before the Host check: Prometheus scrapes by the pod's address.
    if (serveMetrics(request, response, { registry: metrics.registry, token: config.metricsToken, onError: onMetricsError })) return;
    if (!admitHost(request, response, config.allowedOrigins)) return;
    // The client's address for sign-in rate limiting comes from the connection, never from a
    // header the client chose.
    request.headers[CLIENT_ADDRESS_HEADER] = request.socket.remoteAddress ?? "unknown";
    // Pages send a signed-out visitor to sign-in and back here (server/auth/page-auth.ts).
    request.headers[REQUEST_PATH_HEADER] = request.url ?? "/";
    handle(request, response).catch((error: unknown) => {
      log.error({ err: error, url: request.url }, "request failed");
      if (!response.headersSent) response.writeHead(500).end("Internal error");
    });
  });
  const io = attachSocketServer(httpServer, context.db, log.child({ module: "live" }), { allowedOrigins: config.allowedOrigins, redisUrl: config.redisUrl });
  await context.executor.recover();

  // No users yet: the administrator from KDEPLOY_ADMIN_EMAIL/PASSWORD exists before the first
  // request can arrive (automation signs in right after /api/health answers); else a setup link.
  const firstRun = await prepareFirstRun(context.db, context.auth, { publicUrl: config.publicUrl, initialAdmin: config.initialAdmin, announce: false }, log);

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  log.info({ url: `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${config.port}`, provider, dev }, "kdeploy is listening");
  // The link is printed after "listening", so it is the last thing a newcomer reads.
  if (firstRun.kind === "setup-link") announceSetupLink(firstRun.url, log);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    const force = setTimeout(() => {
      log.error("shutdown took too long; exiting");
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    io.close(); // also closes the HTTP server
    httpServer.closeIdleConnections();
    await context.executor.stop();
    await app.close?.();
    await closeDatabase();
    log.info("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGHUP", () => void shutdown("SIGHUP")); // scripts/start.mjs forwards it (a closed terminal)
}

main().catch((error: unknown) => {
  logger().fatal({ err: error }, "kdeploy failed to start");
  process.exit(1);
});
