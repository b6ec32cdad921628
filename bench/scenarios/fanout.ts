// Scenario 3 driver: starts fanout-server.ts, connects 1, 10, 100 socket.io-client clients from
// this process (WebSocket transport, as browsers end up on), joins the deployment's room and
// measures, per received batch per client, the time from the engine's emit to receipt.
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";
import { io as connect, type Socket } from "socket.io-client";
import { start } from "../lib/child-processes.ts";
import { nowMs, withTimeout } from "../lib/clock.ts";
import { round, summarize, type Summary } from "../lib/stats.ts";
import type { Log } from "../lib/log.ts";
import type { ClientToServerEvents, ServerToClientEvents } from "../../server/contracts/live.ts";

export type FanoutConfig = { clients: number[]; eventsPerSecond: number; durationSeconds: number; rowsPerBatch: number };
export type FanoutRow = {
  clients: number;
  batchesEmitted: number;
  batchesExpected: number;
  batchesReceived: number;
  latencyMs: Summary;
  serverCpuMs: number;
  serverCpuPercent: number;
};
export type FanoutResult = { config: FanoutConfig; rows: FanoutRow[] };

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

export async function runFanout(config: FanoutConfig, log: Log): Promise<FanoutResult> {
  const server = start(process.execPath, ["--import", "tsx", fileURLToPath(new URL("./fanout-server.ts", import.meta.url))], {
    timeoutMs: 20 * 60_000,
    keepOutput: false,
    spawn: { stdio: ["pipe", "pipe", "pipe"] },
  });
  const replies = createInterface({ input: server.child.stdout! });
  const queue: string[] = [];
  let wake: (() => void) | undefined;
  replies.on("line", (line) => (queue.push(line), wake?.()));
  const nextReply = async <T>(): Promise<T> => {
    while (!queue.length) await withTimeout(new Promise<void>((resolve) => (wake = resolve)), 120_000, "fan-out server reply");
    return JSON.parse(queue.shift()!) as T;
  };
  const rows: FanoutRow[] = [];
  try {
    const { url, deploymentId, token } = await nextReply<{ url: string; deploymentId: string; token: string }>();
    for (const count of config.clients) {
      const latencies: number[] = [];
      let received = 0;
      const clients: Client[] = [];
      try {
        for (let i = 0; i < count; i++) {
          const client: Client = connect(url, { path: "/socket.io", transports: ["websocket"], reconnection: false, forceNew: true, auth: { token } });
          client.on("table:delta", ({ batches }) => {
            const at = nowMs();
            for (const batch of batches) {
              received++;
              const sent = Number(/^t=(\d+(?:\.\d+)?)$/.exec(batch.upserts[0]?.message ?? "")?.[1]);
              if (Number.isFinite(sent)) latencies.push(at - sent);
            }
          });
          clients.push(client);
        }
        await withTimeout(
          Promise.all(
            clients.map(
              (client) =>
                new Promise<void>((resolve, reject) =>
                  client.emit("deployment:join", { deploymentId }, (ack) => (ack.ok ? resolve() : reject(new Error(ack.message)))),
                ),
            ),
          ),
          60_000,
          `${count} clients joining`,
        );
        server.child.stdin!.write(`emit ${config.eventsPerSecond} ${config.durationSeconds} ${config.rowsPerBatch}\n`);
        const done = await nextReply<{ emitted: number; cpuMs: number; wallMs: number }>();
        // Batches still in flight to slow clients get a moment to arrive.
        await new Promise((resolve) => setTimeout(resolve, 500));
        const row: FanoutRow = {
          clients: count,
          batchesEmitted: done.emitted,
          batchesExpected: done.emitted * count,
          batchesReceived: received,
          latencyMs: summarize(latencies.map((l) => round(l)!)),
          serverCpuMs: round(done.cpuMs)!,
          serverCpuPercent: round((done.cpuMs / done.wallMs) * 100)!,
        };
        log.info(
          `  fan-out ${count} clients: p50 ${row.latencyMs.median} ms, p99 ${row.latencyMs.p99} ms, ${received}/${row.batchesExpected} batches, server CPU ${row.serverCpuPercent}% of a core`,
        );
        rows.push(row);
      } finally {
        for (const client of clients) client.close();
      }
    }
  } finally {
    server.child.stdin?.write("quit\n");
    await withTimeout(server.finished, 30_000, "fan-out server exit").catch(() => server.stop());
  }
  return { config, rows };
}
