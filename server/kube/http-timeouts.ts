// Time limits on one HTTP request to a cluster. A server that accepts a connection and then
// says nothing (a dead load balancer, a half-open NAT entry, a TLS terminator stuck in its
// handshake) must fail the request with a sentence, never hang a deployment or a page:
//   - connect: TCP connect plus the TLS handshake;
//   - idle: no byte in either direction for this long once connected (JSON requests only: a
//     quiet watch is normal, and the watch stream has its own stall detection);
//   - response: the whole answer, headers and body (JSON requests only);
//   - keepalive: TCP keepalive probes on every socket, so a peer that vanished without a FIN
//     is noticed by the kernel even on a long, silent watch.
import type { ClientRequest } from "node:http";
import type { Socket } from "node:net";
import { TLSSocket } from "node:tls";

export type KubeHttpTimeouts = { connectMs: number; idleMs: number; responseMs: number; keepAliveMs: number };

export const DEFAULT_KUBE_HTTP_TIMEOUTS: KubeHttpTimeouts = { connectMs: 10_000, idleMs: 30_000, responseMs: 60_000, keepAliveMs: 30_000 };

export type KubeTimeoutKind = "connect" | "idle" | "response";

/** A request to a cluster ran out of time; `code` tells which limit. */
export class KubeTimeoutError extends Error {
  override name = "KubeTimeoutError";
  readonly code: string;
  constructor(
    readonly kind: KubeTimeoutKind,
    origin: string,
    readonly timeoutMs: number,
  ) {
    super(describeTimeout(kind, origin, timeoutMs));
    this.code = `KUBE_${kind.toUpperCase()}_TIMEOUT`;
  }
}

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(3))} s`;

function describeTimeout(kind: KubeTimeoutKind, origin: string, ms: number): string {
  switch (kind) {
    case "connect":
      return `Connecting to ${origin} timed out: no connection (TCP and TLS) within ${seconds(ms)}`;
    case "idle":
      return `${origin} stopped answering: nothing received for ${seconds(ms)}`;
    case "response":
      return `No complete answer from ${origin} within ${seconds(ms)}`;
  }
}

export type RequestMode = "json" | "stream";

export type RequestGuard = {
  /** Call once the whole answer was read (json mode): disarms the response limit. */
  done(): void;
  /** The limit that ended the request, if one did (a body being read then fails with "aborted"). */
  timedOut(): KubeTimeoutError | undefined;
};

/** Arms the limits on a request just created. */
export function guardRequest(request: ClientRequest, origin: string, timeouts: KubeHttpTimeouts, mode: RequestMode): RequestGuard {
  const timers = new Set<NodeJS.Timeout>();
  let timedOut: KubeTimeoutError | undefined;
  const fail = (kind: KubeTimeoutKind, ms: number) => {
    timedOut ??= new KubeTimeoutError(kind, origin, ms);
    request.destroy(timedOut);
  };
  const arm = (kind: KubeTimeoutKind, ms: number) => {
    const timer = setTimeout(() => fail(kind, ms), ms);
    timer.unref();
    timers.add(timer);
    return () => (clearTimeout(timer), timers.delete(timer));
  };
  const disarmAll = () => {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
  };
  const responseDone = mode === "json" ? arm("response", timeouts.responseMs) : () => undefined;
  request.once("close", disarmAll);

  request.once("socket", (socket: Socket) => {
    socket.setKeepAlive(true, timeouts.keepAliveMs);
    if (request.reusedSocket) return;
    const connected = arm("connect", timeouts.connectMs);
    request.once("response", connected);
    if (socket instanceof TLSSocket) {
      if (!socket.connecting && isHandshakeDone(socket)) connected();
      else socket.once("secureConnect", connected);
    } else if (!socket.connecting) connected();
    else socket.once("connect", connected);
  });

  if (mode === "json") {
    // Socket inactivity; Node applies it once the socket is connected (the connect limit covers before).
    request.setTimeout(timeouts.idleMs, () => fail("idle", timeouts.idleMs));
  }
  return { done: () => void responseDone(), timedOut: () => timedOut };
}

function isHandshakeDone(socket: TLSSocket): boolean {
  const protocol = socket.getProtocol();
  return protocol !== null && protocol !== "unknown";
}
