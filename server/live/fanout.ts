// Live data across instances: with REDIS_URL set, Socket.IO's Redis adapter connects the instances
// (docs/operations.md, "Redis"). The instance that runs a step publishes every event of it
// (row batches, step status, log lines, deployment status) to all instances with serverSideEmit;
// each instance delivers it to its own sockets, per socket exactly once (socket-server.ts). A
// join on an instance that does not run the step asks every instance for the step's live state
// with an acknowledgement; the owner answers from its LiveTables. Redis is only fan-out: when it
// is away, nothing here throws, publishes are dropped (and counted), joins fall back to the
// database's checkpointed rows, and once it is back every socket is caught up (socket-server.ts).
import { createAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";
import type { Server } from "socket.io";
import type { Logger } from "../logging.ts";

export type FanoutState = "not configured" | "connecting" | "ok" | "unavailable";

/** `dropped`: publishes that failed (Redis away): events other instances' browsers missed until a catch-up. */
export type FanoutHealth = { state: FanoutState; since: string; errors: number; dropped: number };

type Holder = { __kdeployFanoutHealth?: () => FanoutHealth };
const holder = globalThis as typeof globalThis & Holder;

/** What /api/health reports about Redis (a route runs in Next's module graph: through globalThis). */
export function fanoutHealth(): FanoutHealth {
  return holder.__kdeployFanoutHealth?.() ?? { state: "not configured", since: new Date(0).toISOString(), errors: 0, dropped: 0 };
}

export type Fanout = {
  /** True while both Redis connections are ready: publishing and asking other instances work. */
  readonly up: boolean;
  health(): FanoutHealth;
  /** Called when Redis is back after being unavailable: sockets may have missed events. */
  onRecovered(listener: () => void): void;
  close(): Promise<void>;
};

/** How long a join waits for the other instances' answers before using the database's rows. */
export const ASK_TIMEOUT_MS = 2_000;

export function attachRedisFanout(io: Server, redisUrl: string, log: Logger): Fanout {
  // Publishes fail at once while Redis is away (no unbounded queue); subscriptions wait for it.
  const reconnectStrategy = (retries: number) => Math.min(100 * 2 ** retries, 2_000);
  const pub = createClient({ url: redisUrl, disableOfflineQueue: true, socket: { reconnectStrategy } });
  const sub = pub.duplicate({ disableOfflineQueue: false });
  let state: FanoutState = "connecting";
  let since = new Date();
  let errors = 0;
  let dropped = 0;
  let everReady = false;
  let closing = false;
  const recovered: (() => void)[] = [];

  const setState = (next: FanoutState) => {
    if (next === state) return;
    state = next;
    since = new Date();
  };
  const update = () => {
    if (closing) return;
    if (pub.isReady && sub.isReady) {
      // Down before (also at start): sockets joined meanwhile were served from the database.
      const wasDown = state === "unavailable";
      setState("ok");
      if (wasDown) log.info("live fan-out through Redis recovered; catching up the connected browsers");
      else if (!everReady) log.info("live fan-out through Redis ready");
      everReady = true;
      if (wasDown) for (const listener of recovered) listener();
    } else if (everReady || state === "unavailable") {
      if (state !== "unavailable") log.warn("live fan-out through Redis unavailable; browsers on other instances catch up once it is back");
      setState("unavailable");
    }
  };
  // Error messages name host and port, never the URL (it may hold a password).
  const onError = (which: string) => (error: unknown) => {
    errors += 1;
    if (state !== "unavailable") log.warn({ client: which, error: error instanceof Error ? error.message : String(error) }, "Redis connection error");
    if (!pub.isReady || !sub.isReady) {
      if (state === "connecting" && !everReady) setState("unavailable");
      update();
    }
  };
  pub.on("error", onError("publish"));
  sub.on("error", onError("subscribe"));
  for (const client of [pub, sub]) {
    client.on("ready", update);
    client.on("end", update);
    client.on("reconnecting", update);
  }

  // The adapter calls publish and subscribe without handling their promises: a command that fails
  // while Redis is away must be counted here, not end the process as an unhandled rejection.
  const guarded = (client: typeof pub, which: string) => {
    const swallow = (promise: unknown, publish: boolean) => {
      if (promise instanceof Promise)
        promise.catch((error: unknown) => {
          if (publish) dropped += 1;
          onError(which)(error);
        });
      return promise;
    };
    return new Proxy(client, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property, target);
        if (typeof value !== "function") return value;
        if (property === "publish" || property === "subscribe" || property === "pSubscribe" || property === "unsubscribe" || property === "pUnsubscribe") {
          return (...args: unknown[]) => swallow((value as (...a: unknown[]) => unknown).apply(target, args), property === "publish");
        }
        return (value as (...a: unknown[]) => unknown).bind(target);
      },
    });
  };
  io.adapter(createAdapter(guarded(pub, "publish"), guarded(sub, "subscribe"), { key: "kdeploy", requestsTimeout: ASK_TIMEOUT_MS }));
  pub.connect().catch(onError("publish"));
  sub.connect().catch(onError("subscribe"));

  const health = (): FanoutHealth => ({ state, since: since.toISOString(), errors, dropped });
  holder.__kdeployFanoutHealth = health;
  return {
    get up() {
      return state === "ok" && pub.isReady && sub.isReady;
    },
    health,
    onRecovered: (listener) => void recovered.push(listener),
    close: async () => {
      closing = true;
      if (holder.__kdeployFanoutHealth === health) delete holder.__kdeployFanoutHealth;
      // close() lets pending commands finish; a client still waiting for Redis is just dropped.
      await Promise.allSettled([pub, sub].map(async (client) => (client.isReady ? client.close() : client.destroy())));
    },
  };
}

/** A promise that rejects after `ms` (so a join never waits on Redis longer than that). */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    timer.unref();
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error instanceof Error ? error : new Error(String(error)))),
    );
  });
}
