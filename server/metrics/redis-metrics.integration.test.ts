// The Redis metrics of /metrics against a real redis-server (server/live/__tests__/redis-process.ts):
// kdeploy_redis_connected follows the fan-out's connections, and every live event published while
// Redis is away is counted in kdeploy_redis_publishes_dropped_total (server/live/fanout.ts), while
// none is counted while it is up.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import { createServer, type Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import type { EngineEventMap, EngineEvents } from "../deploy/engine-events.ts";
import { attachRedisFanout, fanoutHealth, type Fanout } from "../live/fanout.ts";
import { redisAvailable, startRedis, type RedisProcess } from "../live/__tests__/redis-process.ts";
import { logger } from "../logging.ts";
import { createServerMetrics, type ServerMetrics } from "./server-metrics.ts";

const skip = redisAvailable() ? false : "redis-server is not installed (scripts/ensure-system-packages.sh)";

let redis: RedisProcess;
let httpServer: HttpServer;
let io: Server;
let fanout: Fanout;
let metrics: ServerMetrics;

before(async () => {
  if (skip) return;
  redis = await startRedis();
  httpServer = createServer();
  io = new Server(httpServer);
  fanout = attachRedisFanout(io, redis.url, logger().child({ test: "redis-metrics" }));
  const events: EngineEvents = new EventEmitter<EngineEventMap>();
  metrics = createServerMetrics({
    events,
    db: { deployment: { count: async () => 0 } },
    watches: () => ({ streamCount: 0, failingStreamCount: 0 }),
    trackers: () => [],
    socketClients: () => 0,
    fanout: fanoutHealth,
    instanceId: "redis-metrics",
    version: "0",
  });
});
after(async () => {
  if (skip) return;
  metrics.close();
  await fanout.close();
  await new Promise<void>((resolve) => io.close(() => resolve()));
  await redis.remove();
});

/** One sample of the registry, as a scrape reads it. */
async function sample(name: string): Promise<number | undefined> {
  const text = await metrics.registry.metrics();
  const line = text.split("\n").find((row) => row.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.split(" ")[1]);
}

async function until(what: string, check: () => Promise<boolean>, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not in time: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test("kdeploy_redis_connected follows Redis; publishes while it is away are counted as dropped", { skip }, async () => {
  await until("the fan-out to be ready", async () => (await sample("kdeploy_redis_connected")) === 1);
  for (let i = 0; i < 5; i++) io.serverSideEmit("live:event", { i });
  // Published while up: none dropped (give the publishes time to complete).
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal(await sample("kdeploy_redis_publishes_dropped_total"), 0);

  await redis.stop();
  await until("the fan-out to see Redis gone", async () => (await sample("kdeploy_redis_connected")) === 0);
  for (let i = 0; i < 3; i++) io.serverSideEmit("live:event", { i });
  await until("three dropped publishes", async () => (await sample("kdeploy_redis_publishes_dropped_total")) === 3);
  assert.equal(fanoutHealth().dropped, 3);

  await redis.start();
  await until("the fan-out to be back", async () => (await sample("kdeploy_redis_connected")) === 1, 30_000);
  io.serverSideEmit("live:event", { after: true });
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal(await sample("kdeploy_redis_publishes_dropped_total"), 3, "the count stays; nothing dropped once Redis is back");
});
