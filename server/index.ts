// Bootstrap only: configuration → migrations → Next → HTTP server + Socket.IO → listen, and a
// graceful shutdown on SIGTERM/SIGINT (stop accepting, finish running work, close the database).
import { createServer } from "node:http";
import { mkdirSync } from "node:fs";
import next from "next";
import { loadConfig, databaseProvider } from "./config.ts";
import { logger } from "./logging.ts";
import { migrateDatabase } from "./store/migrate.ts";
import { closeDatabase } from "./store/database.ts";
import { appContext } from "./context.ts";
import { attachSocketServer } from "./live/socket-server.ts";

const SHUTDOWN_GRACE_MS = 15_000;

async function main() {
  const config = loadConfig();
  const log = logger();
  const dev = process.argv.includes("--dev");
  mkdirSync(config.dataDir, { recursive: true });

  const provider = databaseProvider(config.databaseUrl);
  const migrations = await migrateDatabase(config.databaseUrl);
  log.info({ provider, applied: migrations.applied, alreadyApplied: migrations.alreadyApplied }, "database ready");

  const context = appContext(); // creates the key file on first start, before any request needs it
  const app = next({ dev, hostname: config.host, port: config.port, dir: process.cwd() });
  await app.prepare();
  const handle = app.getRequestHandler();

  const httpServer = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log.error({ err: error, url: request.url }, "request failed");
      if (!response.headersSent) response.writeHead(500).end("Internal error");
    });
  });
  const io = attachSocketServer(httpServer, context.db, log.child({ module: "live" }));
  await context.executor.recover();

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  log.info({ url: `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${config.port}`, provider, dev }, "kdeploy is listening");

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
}

main().catch((error: unknown) => {
  logger().fatal({ err: error }, "kdeploy failed to start");
  process.exit(1);
});
