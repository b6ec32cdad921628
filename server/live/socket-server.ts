// Socket.IO on the app's HTTP server: one room per deployment. Only signed-in clients on the app's
// own origin connect (socket-admission.ts); joining is authorized like reading the deployment page
// (auditors: finished deployments only), and an unknown id is answered exactly like a forbidden
// one, so ids cannot be probed. The browser then receives the current table of every step (in parts
// of at most 1,000 rows, contracts/live.ts) and, from then on, only changes, batched about every
// 100 ms. A browser that reconnects names its last seq per step: missing batches are resent when
// still kept, else that step's table is sent afresh.
// With REDIS_URL, several instances share this (fanout.ts): every event of a step reaches every
// instance, and each delivers it to its own sockets, per socket exactly once; a join asks the
// step's owner for its state. Without it, everything stays in this process.
import { randomUUID } from "node:crypto";
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
import { ownedSteps, planJoin, snapshotParts, type OwnedStep, type StepsQuery } from "./join-tables.ts";
import { ASK_TIMEOUT_MS, attachRedisFanout, withTimeout, type Fanout } from "./fanout.ts";

/**
 * Per socket: who signed in (set at connection), the last sequence sent per step, so each batch
 * reaches each browser exactly once, and the steps it was sent frozen (a catch-up skips them).
 */
type SocketData = { principal?: Principal; sent: Record<string, number>; frozen?: Record<string, true> };

/** One event for a deployment's room, as every instance delivers it to its own sockets. */
export type LiveEvent = { [E in keyof ServerToClientEvents]: { name: E; payload: Parameters<ServerToClientEvents[E]>[0] } }[keyof ServerToClientEvents];

/** Between instances (Redis adapter): the owner's events, and the question a join asks. */
export type InterServerEvents = {
  "live:event": (event: LiveEvent) => void;
  "live:steps": (query: StepsQuery, ack: (answer: OwnedStep[]) => void) => void;
  /** An instance's Redis connections are back: everyone catches up their sockets again. */
  "live:recovered": () => void;
};
export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type LiveSocket = ReturnType<LiveServer["sockets"]["sockets"]["get"]> & {};

const BATCH_MS = 100;
const room = (deploymentId: string) => `deployment:${deploymentId}`;
export const JOIN_REFUSED = "This deployment does not exist or you may not watch it";

export type SocketServerOptions = {
  /** The app's own origins (config.allowedOrigins): Host and Origin of every handshake. */
  allowedOrigins: readonly string[];
  /** How often connected sockets are authorized again (revoked sessions, disabled users). */
  recheckMs?: number;
  /** Redis for the fan-out across instances (REDIS_URL); unset: this process only. */
  redisUrl?: string;
};

const RECHECK_MS = 30_000;
/** Messages at least this large are compressed on the wire. */
export const DEFLATE_THRESHOLD_BYTES = 16 * 1024;

export function attachSocketServer(httpServer: HttpServer, db: Database, log: Logger, options: SocketServerOptions): LiveServer {
  // No `cors` option: no Access-Control-* headers, so other sites' pages cannot read responses.
  // permessage-deflate above 16 KiB (docs/decisions.md): snapshot parts (~240 KB of JSON each)
  // shrink several-fold, the small batches of a running step stay uncompressed.
  const io: LiveServer = new Server(httpServer, {
    path: "/socket.io",
    serveClient: false,
    allowRequest: handshakeAdmission(options.allowedOrigins),
    perMessageDeflate: { threshold: DEFLATE_THRESHOLD_BYTES },
  });
  io.engine.on("headers", (headers: Record<string, string>) => Object.assign(headers, STATIC_SECURITY_HEADERS));
  io.use(requireSignedIn(log));
  const events = engineEvents();
  const tables = liveTables(events);

  const fanout: Fanout | undefined = options.redisUrl ? attachRedisFanout(io, options.redisUrl, log) : undefined;

  // While a socket's join is being answered, events of that deployment wait for it, then pass the
  // same per-socket filter: the snapshot comes first, each batch after it exactly once.
  const holds = new WeakMap<LiveSocket, Map<string, { count: number; queue: LiveEvent[] }>>();
  const hold = (socket: LiveSocket, deploymentId: string) => {
    let bySocket = holds.get(socket);
    if (!bySocket) holds.set(socket, (bySocket = new Map()));
    const held = bySocket.get(deploymentId) ?? { count: 0, queue: [] };
    held.count += 1;
    bySocket.set(deploymentId, held);
  };
  const release = (socket: LiveSocket, deploymentId: string) => {
    const bySocket = holds.get(socket);
    const held = bySocket?.get(deploymentId);
    if (!bySocket || !held) return;
    held.count -= 1;
    if (held.count > 0) return;
    bySocket.delete(deploymentId);
    if (!bySocket.size) holds.delete(socket);
    for (const event of held.queue) deliverTo(socket, event);
  };

  const deliverTo = (socket: LiveSocket, event: LiveEvent) => {
    const held = holds.get(socket)?.get(event.payload.deploymentId);
    if (held) return void held.queue.push(event);
    if (event.name === "table:delta") {
      // Each socket gets the batches it has not had yet (a snapshot taken at join may hold some).
      const sent = (socket.data.sent ??= {});
      const fresh = event.payload.batches.filter((batch) => batch.seq > (sent[batch.stepRunId] ?? 0));
      for (const batch of fresh) sent[batch.stepRunId] = batch.seq;
      if (fresh.length) socket.emit("table:delta", { deploymentId: event.payload.deploymentId, batches: fresh });
      return;
    }
    if (event.name === "step:status" && event.payload.frozenAt) (socket.data.frozen ??= {})[event.payload.stepRunId] = true;
    (socket.emit as (name: string, payload: unknown) => boolean)(event.name, event.payload);
  };
  const deliverLocal = (event: LiveEvent) => {
    for (const socketId of io.of("/").adapter.rooms.get(room(event.payload.deploymentId)) ?? []) {
      const socket = io.sockets.sockets.get(socketId);
      if (socket) deliverTo(socket, event);
    }
  };
  // The owner's events: to its own sockets, and through Redis to every other instance's.
  const publish = (event: LiveEvent) => {
    deliverLocal(event);
    if (fanout) io.serverSideEmit("live:event", event);
  };
  if (fanout) {
    io.on("live:event", (event) => {
      try {
        deliverLocal(event);
      } catch (error) {
        log.error({ err: error }, "live fan-out: an event from another instance could not be delivered");
      }
    });
    io.on("live:steps", (query, ack) => {
      try {
        ack(ownedSteps(tables, query));
      } catch (error) {
        log.error({ err: error }, "live fan-out: answering another instance failed");
        ack([]);
      }
    });
  }
  const askOwners = async (query: StepsQuery): Promise<OwnedStep[]> => {
    if (!fanout?.up) return [];
    try {
      return (await withTimeout(io.serverSideEmitWithAck("live:steps", query), ASK_TIMEOUT_MS + 500)).flat();
    } catch (error) {
      // A timeout still carries the answers that came (the owner's, usually).
      const partial = (error as { responses?: OwnedStep[][] }).responses;
      log.warn({ error: (error as Error).message, answers: partial?.length ?? 0 }, "live fan-out: not every instance answered a join");
      return partial?.flat() ?? [];
    }
  };

  /**
   * Sends a socket what it lacks of a deployment: everything (no `since`) or what follows `since`.
   * The deployment's events wait for it (hold) from before the socket entered the room.
   */
  const catchUp = async (socket: LiveSocket, deploymentId: string, since?: Record<string, number>) => {
    hold(socket, deploymentId);
    try {
      await answerJoin(socket, deploymentId, since);
    } finally {
      release(socket, deploymentId);
    }
  };
  const answerJoin = async (socket: LiveSocket, deploymentId: string, since?: Record<string, number>) => {
    const frozen = socket.data.frozen ?? {};
    const plan = await planJoin(db, tables, deploymentId, {
      since,
      skip: since ? new Set(Object.keys(frozen)) : undefined,
      askOwners: fanout ? askOwners : undefined,
    });
    const sent = (socket.data.sent ??= {});
    Object.assign(sent, plan.upTo);
    for (const step of plan.snapshot) if (step.frozenAt) (socket.data.frozen ??= {})[step.stepRunId] = true;
    if (plan.sendSnapshot) {
      // Every step in parts, one after the other, all emitted before any held delta is released.
      const snapshotId = randomUUID();
      if (!plan.snapshot.length) socket.emit("table:snapshot", { deploymentId, steps: [] });
      for (const step of plan.snapshot) for (const part of snapshotParts(step, snapshotId)) socket.emit("table:snapshot", { deploymentId, ...part });
    }
    if (plan.resend.length) socket.emit("table:delta", { deploymentId, batches: plan.resend });
  };

  // Redis is back: events of other instances may have been lost meanwhile. Every socket gets what
  // followed the last batch it was sent (or fresh tables), as after a reconnect of its own.
  // The instances reconnect one after the other, and a catch-up asks the step's owner: whoever
  // comes back tells the others, so the last one back makes every instance catch up again.
  const catchUpAll = () => {
    for (const socket of io.sockets.sockets.values()) {
      for (const joined of socket.rooms) {
        if (!joined.startsWith("deployment:")) continue;
        const deploymentId = joined.slice("deployment:".length);
        catchUp(socket, deploymentId, { ...(socket.data.sent ?? {}) }).catch((error: unknown) =>
          log.warn({ err: error, deploymentId }, "live fan-out: catching a browser up after Redis came back failed"),
        );
      }
    }
  };
  fanout?.onRecovered(() => {
    catchUpAll();
    io.serverSideEmit("live:recovered");
  });
  if (fanout) io.on("live:recovered", catchUpAll);

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
        // Join first, then read: an event in between waits for the answer (hold), so it is
        // neither lost nor sent twice.
        hold(socket, deploymentId);
        try {
          await socket.join(room(deploymentId));
          // A browser's `since` names what it holds; a step it names is not frozen on its side.
          if (since) for (const stepRunId of Object.keys(since)) delete socket.data.frozen?.[stepRunId];
          await answerJoin(socket, deploymentId, since && typeof since === "object" ? since : undefined);
        } finally {
          release(socket, deploymentId);
        }
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
    if (batches.length) publish({ name: "table:delta", payload: { deploymentId, batches } });
  };
  const onRows = ({ deploymentId, batch }: { deploymentId: string; batch: RowChangeBatch }) => {
    let queue = pending.get(deploymentId);
    if (!queue) {
      pending.set(deploymentId, (queue = []));
      setTimeout(() => flush(deploymentId), BATCH_MS).unref();
    }
    queue.push(batch);
  };
  const onStep: Parameters<typeof events.on<"step">>[1] = ({ deploymentId, stepRunId, status, outcomeMessage, phase, frozenAt }) => {
    // Rows first: a browser must never see a step frozen before its last rows.
    flush(deploymentId);
    publish({ name: "step:status", payload: { deploymentId, stepRunId, status, outcomeMessage: outcomeMessage ?? "", phase, frozenAt: frozenAt ?? null } });
  };
  const onLog: Parameters<typeof events.on<"log">>[1] = ({ deploymentId, stepRunId, lines }) =>
    publish({ name: "log:lines", payload: { deploymentId, stepRunId, lines } });
  const onDeployment: Parameters<typeof events.on<"deployment">>[1] = ({ deploymentId, status }) =>
    publish({ name: "deployment:changed", payload: { deploymentId, status } });
  events.on("rows", onRows);
  events.on("step", onStep);
  events.on("log", onLog);
  events.on("deployment", onDeployment);
  httpServer.on("close", () => {
    events.off("rows", onRows);
    events.off("step", onStep);
    events.off("log", onLog);
    events.off("deployment", onDeployment);
    void fanout?.close();
  });
  return io;
}
