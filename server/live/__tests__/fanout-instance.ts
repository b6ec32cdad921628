// A second app instance for the fan-out test, in its own process: the same database and Redis as
// the test's instance, the real attachSocketServer on a free 127.0.0.1 port, and no deployment of
// its own. Prints one JSON line {"port": n, "redis": state} once its Redis fan-out is ready (at
// once with FANOUT_WAIT=no); prints {"redis": state} on SIGUSR2; ends on SIGTERM.
//   FANOUT_DATABASE_URL=file:… FANOUT_REDIS_URL=redis://… tsx fanout-instance.ts
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createDatabase } from "../../store/database.ts";
import { installTestContext } from "../../testing/test-context.ts";
import { logger } from "../../logging.ts";
import { attachSocketServer } from "../socket-server.ts";
import { fanoutHealth } from "../fanout.ts";

const databaseUrl = process.env.FANOUT_DATABASE_URL!;
const redisUrl = process.env.FANOUT_REDIS_URL!;
const db = createDatabase(databaseUrl);
installTestContext({ provider: databaseUrl.startsWith("file:") ? "sqlite" : "postgresql", url: databaseUrl, db, cleanup: async () => db.$disconnect() });

const httpServer = createServer();
await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
const port = (httpServer.address() as AddressInfo).port;
const io = attachSocketServer(httpServer, db, logger().child({ testInstance: "B" }), { allowedOrigins: [`http://127.0.0.1:${port}`], redisUrl });

const deadline = Date.now() + 30_000;
while (process.env.FANOUT_WAIT !== "no" && fanoutHealth().state !== "ok") {
  if (Date.now() > deadline) throw new Error(`Redis fan-out not ready: ${JSON.stringify(fanoutHealth())}`);
  await new Promise((resolve) => setTimeout(resolve, 20));
}
process.stdout.write(`${JSON.stringify({ port, redis: fanoutHealth().state })}\n`);
process.on("SIGUSR2", () => process.stdout.write(`${JSON.stringify({ redis: fanoutHealth().state })}\n`));

process.on("SIGTERM", () => {
  io.close();
  void db.$disconnect().finally(() => process.exit(0));
});
