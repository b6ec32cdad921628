// Socket.IO on the app's HTTP server. A browser joins a deployment's room after the same
// authorization check as reading the deployment page. The live status tab (issue 5) sends the
// table snapshot and deltas through these rooms; the typed contract is server/contracts/live.ts.
import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { authorize } from "../auth/authorize.ts";
import type { ClientToServerEvents, ServerToClientEvents } from "../contracts/live.ts";
import type { Logger } from "../logging.ts";
import { engineEvents } from "../deploy/engine-events.ts";

export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents>;

export function attachSocketServer(httpServer: HttpServer, log: Logger): LiveServer {
  const io: LiveServer = new Server(httpServer, { path: "/socket.io", serveClient: false });
  io.on("connection", (socket) => {
    socket.on("deployment:join", async ({ deploymentId }, ack) => {
      try {
        await authorize({ headers: socket.handshake.headers }, "read");
        await socket.join(`deployment:${deploymentId}`);
        ack({ ok: true });
      } catch (error) {
        log.warn({ err: error, deploymentId }, "socket join refused");
        ack({ ok: false, message: "Not allowed to watch this deployment" });
      }
    });
    socket.on("deployment:leave", async ({ deploymentId }) => {
      await socket.leave(`deployment:${deploymentId}`);
    });
  });
  // Until the live table (issue 5) streams rows, browsers refetch on any change of a deployment.
  const events = engineEvents();
  const changed = ({ deploymentId }: { deploymentId: string }) => io.to(`deployment:${deploymentId}`).emit("deployment:changed", { deploymentId });
  events.on("deployment", changed);
  events.on("step", changed);
  io.engine.on("close", () => {
    events.off("deployment", changed);
    events.off("step", changed);
  });
  return io;
}
