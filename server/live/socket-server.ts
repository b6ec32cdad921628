// Socket.IO on the app's HTTP server: one room per deployment. Joining is authorized like reading
// the deployment page; the browser then receives the current table of every step and, from then
// on, only changes, batched about every 100 ms. A browser that reconnects names its last seq per
// step: missing batches are resent when still kept, else that step's table is sent afresh.
// Delivery is per socket in this process; several instances need the Redis adapter plus
// fetchSockets-based delivery (scale-out issue).
import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { authorize } from "../auth/authorize.ts";
import type { ClientToServerEvents, ServerToClientEvents } from "../contracts/live.ts";
import type { RowChangeBatch } from "../contracts/object-status.ts";
import type { Logger } from "../logging.ts";
import type { Database } from "../store/database.ts";
import { engineEvents } from "../deploy/engine-events.ts";
import { liveTables } from "./live-tables.ts";
import { deploymentTables } from "./deployment-tables.ts";

/** Per socket: the last sequence sent per step, so each batch reaches each browser exactly once. */
type SocketData = { sent: Record<string, number> };
export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const BATCH_MS = 100;
const room = (deploymentId: string) => `deployment:${deploymentId}`;

export function attachSocketServer(httpServer: HttpServer, db: Database, log: Logger): LiveServer {
  const io: LiveServer = new Server(httpServer, { path: "/socket.io", serveClient: false });
  const events = engineEvents();
  const tables = liveTables(events);

  io.on("connection", (socket) => {
    socket.on("deployment:join", async ({ deploymentId, since }, ack) => {
      try {
        await authorize({ headers: new Headers(socket.handshake.headers as Record<string, string>) }, "read");
        // Join first, then read: a batch emitted in between is at worst sent twice, and the
        // browser drops duplicates by sequence number; it is never lost.
        await socket.join(room(deploymentId));
        const resend: RowChangeBatch[] = [];
        const fresh = new Set<string>();
        const current = await deploymentTables(db, tables, deploymentId);
        for (const step of current) {
          const known = since?.[step.stepRunId];
          const missing = known === undefined ? undefined : tables.batchesSince(step.stepRunId, known);
          if (missing && !step.frozenAt) resend.push(...missing);
          else if (known === undefined || known !== step.seq || step.frozenAt) fresh.add(step.stepRunId);
        }
        const snapshot = since ? current.filter((step) => fresh.has(step.stepRunId)) : current;
        socket.data.sent ??= {};
        for (const step of current) socket.data.sent[step.stepRunId] = fresh.has(step.stepRunId) || !since ? step.seq : (since[step.stepRunId] ?? step.seq);
        for (const batch of resend) socket.data.sent[batch.stepRunId] = Math.max(socket.data.sent[batch.stepRunId] ?? 0, batch.seq);
        if (!since || snapshot.length) socket.emit("table:snapshot", { deploymentId, steps: snapshot });
        if (resend.length) socket.emit("table:delta", { deploymentId, batches: resend });
        ack({ ok: true });
      } catch (error) {
        log.warn({ err: error, deploymentId }, "socket join refused");
        await socket.leave(room(deploymentId));
        ack({ ok: false, message: (error as Error).message.includes("not found") ? "This deployment does not exist" : "Not allowed to watch this deployment" });
      }
    });
    socket.on("deployment:leave", async ({ deploymentId }) => {
      await socket.leave(room(deploymentId));
    });
  });

  // Row batches are buffered per deployment and sent together, at most every 100 ms.
  const pending = new Map<string, RowChangeBatch[]>();
  const flush = (deploymentId: string) => {
    const batches = pending.get(deploymentId) ?? [];
    pending.delete(deploymentId);
    if (batches.length) deliver(deploymentId, batches);
  };
  const onRows = ({ deploymentId, batch }: { deploymentId: string; batch: RowChangeBatch }) => {
    let queue = pending.get(deploymentId);
    if (!queue) {
      pending.set(deploymentId, (queue = []));
      setTimeout(() => flush(deploymentId), BATCH_MS).unref();
    }
    queue.push(batch);
  };
  // Each socket gets the batches it has not had yet (a snapshot taken at join may already hold some).
  const deliver = (deploymentId: string, batches: RowChangeBatch[]) => {
    for (const socketId of io.sockets.adapter.rooms.get(room(deploymentId)) ?? []) {
      const socket = io.sockets.sockets.get(socketId);
      if (!socket) continue;
      const sent = (socket.data.sent ??= {});
      const fresh = batches.filter((batch) => batch.seq > (sent[batch.stepRunId] ?? 0));
      for (const batch of fresh) sent[batch.stepRunId] = batch.seq;
      if (fresh.length) socket.emit("table:delta", { deploymentId, batches: fresh });
    }
  };
  const onStep: Parameters<typeof events.on<"step">>[1] = ({ deploymentId, stepRunId, status, outcomeMessage, phase, frozenAt }) => {
    // Rows first: a browser must never see a step frozen before its last rows.
    flush(deploymentId);
    io.to(room(deploymentId)).emit("step:status", { deploymentId, stepRunId, status, outcomeMessage: outcomeMessage ?? "", phase, frozenAt: frozenAt ?? null });
  };
  const onLog: Parameters<typeof events.on<"log">>[1] = ({ deploymentId, stepRunId, lines }) =>
    io.to(room(deploymentId)).emit("log:lines", { deploymentId, stepRunId, lines });
  const onDeployment: Parameters<typeof events.on<"deployment">>[1] = ({ deploymentId, status }) =>
    io.to(room(deploymentId)).emit("deployment:changed", { deploymentId, status });
  events.on("rows", onRows);
  events.on("step", onStep);
  events.on("log", onLog);
  events.on("deployment", onDeployment);
  httpServer.on("close", () => {
    events.off("rows", onRows);
    events.off("step", onStep);
    events.off("log", onLog);
    events.off("deployment", onDeployment);
  });
  return io;
}
