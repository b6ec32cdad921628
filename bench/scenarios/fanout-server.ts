// Scenario 3, server side, in its own process so its CPU time is the server's alone: the real
// Socket.IO live server (attachSocketServer) on 127.0.0.1 with a test SQLite database, fed by the
// engine-event bus at a fixed rate. Each row batch carries its emit time (epoch ms) in the rows'
// `message`, so clients in another process can compute the latency on the same clock.
// Protocol: prints {"ready":…} once listening; reads lines "emit <batchesPerSecond> <seconds> <rowsPerBatch>"
// (prints {"emitted":…,"cpuMs":…} when done) and "quit".
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createInterface } from "node:readline";
import { performance } from "node:perf_hooks";
import { createTestDatabase } from "../../server/testing/test-database.ts";
import { installTestContext, testToken } from "../../server/testing/test-context.ts";
import { attachSocketServer } from "../../server/live/socket-server.ts";
import { engineEvents } from "../../server/deploy/engine-events.ts";
import { logger } from "../../server/logging.ts";
import type { ObjectRowView } from "../../server/contracts/object-status.ts";
import { seedRunningStep } from "../lib/seed-step-run.ts";

const nowMs = () => performance.timeOrigin + performance.now();
const database = await createTestDatabase("sqlite");
installTestContext(database); // clients sign in with an API token, as a pipeline would
const token = await testToken("team-member");
const { deploymentId, stepRunId } = await seedRunningStep(database.db, "fanout");
const httpServer = createServer();
await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
const port = (httpServer.address() as AddressInfo).port;
const io = attachSocketServer(httpServer, database.db, logger(), { allowedOrigins: [`http://127.0.0.1:${port}`] });
const events = engineEvents();
let seq = 0;

const row = (i: number, at: number): ObjectRowView => ({
  key: `pod-${i}`,
  uid: `pod-${i}`,
  parentKey: null,
  apiVersion: "v1",
  kind: "Pod",
  namespace: "bench",
  name: `app-5d8f7b9c4-${i}`,
  status: seq % 2 ? "Success" : "InProgress",
  message: `t=${at}`,
  summary: "1/1",
  lastChangeAt: new Date(at).toISOString(),
});

/** Emits `rate` batches per second for `seconds`, on a 5 ms tick (timers are too coarse for one per batch). */
async function emit(rate: number, seconds: number, rowsPerBatch: number) {
  const cpuStart = process.cpuUsage();
  const started = nowMs();
  let emitted = 0;
  const total = Math.round(rate * seconds);
  while (emitted < total) {
    const due = Math.min(total, Math.floor(((nowMs() - started) / 1000) * rate) + 1);
    for (; emitted < due; emitted++) {
      const at = nowMs();
      seq++;
      events.emit("rows", {
        deploymentId,
        batch: { stepRunId, seq, upserts: Array.from({ length: rowsPerBatch }, (_, i) => row((seq * rowsPerBatch + i) % 200, at)), removals: [] },
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  // Let the last 100 ms delivery window flush before reading the CPU time.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const cpu = process.cpuUsage(cpuStart);
  return { emitted, lastSeq: seq, cpuMs: (cpu.user + cpu.system) / 1000, wallMs: nowMs() - started };
}

process.stdout.write(`${JSON.stringify({ ready: true, url: `http://127.0.0.1:${port}`, deploymentId, stepRunId, token })}\n`);
for await (const line of createInterface({ input: process.stdin })) {
  const [command, ...args] = line.trim().split(/\s+/);
  if (command === "emit") {
    const [rate, seconds, rowsPerBatch] = args.map(Number);
    process.stdout.write(`${JSON.stringify(await emit(rate!, seconds!, rowsPerBatch!))}\n`);
  } else if (command === "quit") break;
}
io.close();
httpServer.close();
await database.cleanup();
process.exit(0);
