// Socket.IO on the app's HTTP server: one room per deployment. Only signed-in clients on the app's
// own origin connect (socket-admission.ts); joining is authorized like reading the deployment page
// (auditors: finished deployments only), and an unknown id is answered exactly like a forbidden
// one, so ids cannot be probed. The browser then receives the current table of every step and, from then
// on, only changes, batched about every 100 ms. A browser that reconnects names its last seq per
// step: missing batches are resent when still kept, else that step's table is sent afresh.
// Delivery is per socket in this process; several instances need the Redis adapter plus
// fetchSockets-based delivery (scale-out issue).
import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { authorize, ForbiddenError, UnauthorizedError, type Principal } from "../auth/authorize.ts";
import { assertCanReadDeployment } from "../auth/resource-access.ts";
import { NotFoundError } from "../errors.ts";
import { STATIC_SECURITY_HEADERS } from "../http/security-headers.ts";
import { handshakeAdmission, handshakeCredentials, requireSignedIn } from "./socket-admission.ts";
import type { ClientToServerEvents, ServerToClientEvents } from "../contracts/live.ts";
import type { RowChangeBatch } from "../contracts/object-status.ts";
import type { Logger } from "../logging.ts";
import type { Database } from "../store/database.ts";
import { engineEvents } from "../deploy/engine-events.ts";
import { liveTables } from "./live-tables.ts";
import { deploymentTables } from "./deployment-tables.ts";

/**
 * Per socket: who signed in (set at connection), and the last sequence sent per step, so each
 * batch reaches each browser exactly once.
 */
type SocketData = { principal?: Principal; sent: Record<string, number> };
export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const BATCH_MS = 100;
const room = (deploymentId: string) => `deployment:${deploymentId}`;
export const JOIN_REFUSED = "This deployment does not exist or you may not watch it";

export type SocketServerOptions = {
  /** The app's own origins (config.allowedOrigins): Host and Origin of every handshake. */
  allowedOrigins: readonly string[];
  /** How often connected sockets are authorized again (revoked sessions, disabled users). */
  recheckMs?: number;
};

const RECHECK_MS = 30_000;

export function attachSocketServer(httpServer: HttpServer, db: Database, log: Logger, options: SocketServerOptions): LiveServer {
  // No `cors` option: no Access-Control-* headers, so other sites' pages cannot read responses.
  const io: LiveServer = new Server(httpServer, { path: "/socket.io", serveClient: false, allowRequest: handshakeAdmission(options.allowedOrigins) });
  io.engine.on("headers", (headers: Record<string, string>) => Object.assign(headers, STATIC_SECURITY_HEADERS));
  io.use(requireSignedIn(log));
  const events = engineEvents();
  const tables = liveTables(events);

  io.on("connection", (socket) => {
    socket.on("deployment:join", async (request, callback) => {
      // A client that sends no callback or no payload must not crash the process.
      const ack: typeof callback = typeof callback === "function" ? callback : () => {};
      const { deploymentId, since } = (request ?? {}) as Partial<typeof request>;
      try {
        if (typeof deploymentId !== "string") throw new NotFoundError("Deployment", String(deploymentId));
        // Checked again on every join, so a revoked session or a changed role counts from now on.
        const principal = await authorize({ headers: handshakeCredentials(socket.handshake) }, "deployment:read");
        socket.data.principal = principal;
        await assertCanReadDeployment(db, principal, deploymentId);
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
        if (typeof deploymentId === "string") await socket.leave(room(deploymentId));
        const refused = error instanceof NotFoundError || error instanceof UnauthorizedError || error instanceof ForbiddenError;
        if (refused) log.info({ deploymentId, userId: socket.data.principal?.id }, "socket join refused");
        else log.error({ err: error, deploymentId }, "socket join failed");
        ack({ ok: false, message: refused ? JOIN_REFUSED : "Live updates for this deployment failed; the server log has the details" });
      }
    });
    socket.on("deployment:leave", async ({ deploymentId }) => {
      await socket.leave(room(deploymentId));
    });
  });

  // A socket already in a room keeps receiving it until it leaves: every connected socket is
  // authorized again periodically, and one whose session or token no longer works, or who may no
  // longer read a deployment it watches, is disconnected.
  const recheck = setInterval(() => {
    for (const socket of io.sockets.sockets.values()) {
      void (async () => {
        try {
          const principal = await authorize({ headers: handshakeCredentials(socket.handshake) }, "deployment:read");
          socket.data.principal = principal;
          for (const joined of socket.rooms) {
            if (joined.startsWith("deployment:")) await assertCanReadDeployment(db, principal, joined.slice("deployment:".length));
          }
        } catch (error) {
          const refused = error instanceof NotFoundError || error instanceof UnauthorizedError || error instanceof ForbiddenError;
          if (!refused) return log.warn({ err: error }, "live connection: re-check failed; kept until the next one");
          log.info({ userId: socket.data.principal?.id }, "live connection closed: no longer allowed");
          socket.disconnect(true);
        }
      })();
    }
  }, options.recheckMs ?? RECHECK_MS);
  recheck.unref();
  httpServer.on("close", () => clearInterval(recheck));

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
