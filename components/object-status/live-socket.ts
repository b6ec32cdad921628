"use client";
// One Socket.IO connection per page, shared by everything live on it (the object tables, the
// task log, the page refresh), and counted rooms: room membership belongs to the socket, so a
// deployment's room is left only when the last part of the page that joined it lets go.
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@/server/contracts/live.ts";

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

declare global {
  interface Window {
    /** Set by browser tests (before the page loads) to get hold of the shared socket. */
    __kdeployExposeLiveSocket?: boolean;
    __kdeployLiveSocket?: LiveSocket;
  }
}

type Shared = { socket: LiveSocket; users: number; rooms: Map<string, number> };
let shared: Shared | null = null;

export function acquireLiveSocket(): LiveSocket {
  if (!shared) {
    const socket: LiveSocket = io({ path: "/socket.io" });
    if (window.__kdeployExposeLiveSocket) window.__kdeployLiveSocket = socket;
    shared = { socket, users: 0, rooms: new Map() };
  }
  shared.users += 1;
  return shared.socket;
}

export function releaseLiveSocket(socket: LiveSocket) {
  if (!shared || shared.socket !== socket) return;
  shared.users -= 1;
  if (shared.users > 0) return;
  socket.disconnect();
  if (window.__kdeployLiveSocket === socket) delete window.__kdeployLiveSocket;
  shared = null;
}

/** Notes one more user of the deployment's room; joining itself is the caller's (it knows `since`). */
export function enterRoom(socket: LiveSocket, deploymentId: string) {
  if (!shared || shared.socket !== socket) return;
  shared.rooms.set(deploymentId, (shared.rooms.get(deploymentId) ?? 0) + 1);
}

export function leaveRoom(socket: LiveSocket, deploymentId: string) {
  if (!shared || shared.socket !== socket) return;
  const left = (shared.rooms.get(deploymentId) ?? 1) - 1;
  if (left > 0) {
    shared.rooms.set(deploymentId, left);
    return;
  }
  shared.rooms.delete(deploymentId);
  if (socket.connected) socket.emit("deployment:leave", { deploymentId });
}
