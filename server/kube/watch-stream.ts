// One LIST+WATCH of one resource type in one namespace, kept alive until stopped:
//   - LIST once, then WATCH from the list's resourceVersion with bookmarks;
//   - a watch that ends normally (server timeout) resumes from the last resourceVersion;
//   - 410 Gone (expired resourceVersion) relists and emits only the differences;
//   - 401/403 are reported to subscribers (rows show it) and retried slowly;
//   - other errors back off exponentially with jitter, and so do repeated quick normal ends (a
//     proxy that closes every watch at once must not become a hot loop); the backoff resets once
//     a watch has stayed open for a healthy period;
//   - any event, bookmark or an accepted watch request is liveness; a watch silent for longer
//     than the stall window is presumed dead: reported (rows and log say so), relisted, re-watched.
//     Why the window works: the transport asks the server to end each watch after a timeout
//     shorter than the window, and kube-apiserver sends a bookmark about every minute and just
//     before that timeout, so a healthy watch is never silent for a whole window.
// resourceVersions are opaque strings: never compared as numbers, only passed back.
import type { Clock } from "./clock.ts";
import { sleep } from "./clock.ts";
import { KubeHttpError } from "./http.ts";

export type KubeObject = {
  apiVersion?: string;
  kind?: string;
  metadata: { uid: string; name: string; namespace?: string; resourceVersion?: string; [key: string]: unknown };
  [key: string]: unknown;
};
export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED";
/** `error.since`: when the stream stopped being trustworthy (clock ms); kept while the error lasts. */
export type StreamStatus = { synced: boolean; error?: { code?: number; message: string; since: number; stalled?: boolean } };

export type WatchTransport = {
  list(signal: AbortSignal): Promise<{ items: KubeObject[]; resourceVersion: string }>;
  /** Resolves when the server ends the watch, rejects on errors; `onOpen` once the server accepted it. */
  watch(resourceVersion: string, signal: AbortSignal, onEvent: (type: string, object: KubeObject) => void, onOpen?: () => void): Promise<void>;
};

export type StreamListener = {
  onEvent(type: WatchEventType, object: KubeObject): void;
  onStatus?(status: StreamStatus): void;
};

export type StreamOptions = {
  clock: Clock;
  stallMs: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** A watch open at least this long was healthy: the backoff starts again from the minimum. */
  healthyMs?: number;
  random?: () => number;
  /** Told of every failure (each retry), for metrics; the stream handles the failure itself. */
  onError?: (error: { code?: number; stalled: boolean }) => void;
};

class GoneError extends Error {}
class StalledError extends Error {
  constructor(
    message: string,
    readonly since: number,
  ) {
    super(message);
  }
}

export class WatchStream {
  private readonly cache = new Map<string, KubeObject>();
  private readonly listeners = new Set<StreamListener>();
  private readonly controller = new AbortController();
  private resourceVersion: string | undefined;
  private status: StreamStatus = { synced: false };
  private attempt = 0;
  readonly done: Promise<void>;

  constructor(
    private readonly transport: WatchTransport,
    private readonly options: StreamOptions,
  ) {
    this.done = this.run();
  }

  subscribe(listener: StreamListener): () => void {
    this.listeners.add(listener);
    // A late subscriber first receives what the stream already knows.
    if (this.status.synced) for (const object of this.cache.values()) listener.onEvent("ADDED", object);
    listener.onStatus?.(this.status);
    return () => this.listeners.delete(listener);
  }

  get subscriberCount() {
    return this.listeners.size;
  }

  get currentStatus() {
    return this.status;
  }

  objects(): IterableIterator<KubeObject> {
    return this.cache.values();
  }

  stop() {
    this.controller.abort();
  }

  private async run() {
    const signal = this.controller.signal;
    while (!signal.aborted) {
      let watchStartedAt: number | undefined;
      try {
        if (this.resourceVersion === undefined) await this.relist(signal);
        watchStartedAt = this.options.clock.now();
        await this.watchOnce(signal);
        if (signal.aborted) break;
        // A normal end (the server's timeout): resume from the last resourceVersion, at once if
        // the watch was healthy, after a growing delay if watches keep ending right away.
        if (this.wasHealthy(watchStartedAt)) this.attempt = 0;
        else await sleep(this.options.clock, this.backoffMs(undefined), signal);
      } catch (error) {
        if (signal.aborted) break;
        if (watchStartedAt !== undefined && this.wasHealthy(watchStartedAt)) this.attempt = 0;
        if (error instanceof GoneError) {
          this.resourceVersion = undefined; // relist at once
          continue;
        }
        const code = error instanceof KubeHttpError ? error.statusCode : undefined;
        if (error instanceof StalledError) {
          this.resourceVersion = undefined; // events may have been lost: relist, then watch again
          this.setError({ message: error.message, stalled: true }, error.since);
        } else this.setError({ code, message: (error as Error).message });
        await sleep(this.options.clock, this.backoffMs(code), signal);
      }
    }
  }

  private wasHealthy(startedAt: number) {
    return this.options.clock.now() - startedAt >= (this.options.healthyMs ?? 10_000);
  }

  private backoffMs(code: number | undefined): number {
    const min = this.options.minBackoffMs ?? 500;
    const max = this.options.maxBackoffMs ?? 30_000;
    this.attempt++;
    const base = code === 401 || code === 403 ? max / 2 : Math.min(max, min * 2 ** (this.attempt - 1));
    const jitter = 0.8 + 0.4 * (this.options.random ?? Math.random)();
    return Math.min(max, Math.round(base * jitter));
  }

  private async relist(signal: AbortSignal) {
    const { items, resourceVersion } = await this.transport.list(signal);
    const seen = new Set<string>();
    for (const object of items) {
      const uid = object.metadata.uid;
      seen.add(uid);
      const previous = this.cache.get(uid);
      this.cache.set(uid, object);
      if (!previous) this.emit("ADDED", object);
      else if (previous.metadata.resourceVersion !== object.metadata.resourceVersion) this.emit("MODIFIED", object);
    }
    for (const [uid, object] of this.cache) {
      if (!seen.has(uid)) {
        this.cache.delete(uid);
        this.emit("DELETED", object);
      }
    }
    this.resourceVersion = resourceVersion;
    this.setStatus({ synced: true });
  }

  private async watchOnce(parent: AbortSignal) {
    const controller = new AbortController();
    const abort = () => controller.abort();
    parent.addEventListener("abort", abort, { once: true });
    const clock = this.options.clock;
    let stalledSince: number | undefined;
    let lastActivity = clock.now();
    let failure: Error | undefined;
    const arm = () => clock.after(this.options.stallMs, () => ((stalledSince = lastActivity), controller.abort()));
    let watchdog = arm();
    const alive = () => {
      lastActivity = clock.now();
      watchdog.cancel();
      watchdog = arm();
      // The server answers again: whatever made the stream untrustworthy is over.
      if (this.status.error && !failure) this.setStatus({ synced: this.status.synced });
    };
    try {
      await this.transport.watch(
        this.resourceVersion!,
        controller.signal,
        (type, object) => {
          if (failure) return;
          if (type === "ERROR") {
            const status = object as unknown as { code?: number; message?: string; reason?: string };
            failure =
              status.code === 410 ? new GoneError(status.message) : new KubeHttpError(status.code ?? 500, status.message ?? "watch error", status.reason);
            controller.abort();
            return;
          }
          alive();
          const version = object.metadata?.resourceVersion;
          if (version) this.resourceVersion = version;
          if (type === "BOOKMARK") return;
          if (type === "DELETED") this.cache.delete(object.metadata.uid);
          else if (type === "ADDED" || type === "MODIFIED") this.cache.set(object.metadata.uid, object);
          else return;
          this.emit(type, object);
        },
        () => {
          if (!failure) alive();
        },
      );
    } catch (error) {
      if (!failure && stalledSince === undefined && !parent.aborted) failure = error as Error;
    } finally {
      watchdog.cancel();
      parent.removeEventListener("abort", abort);
    }
    if (failure instanceof KubeHttpError && failure.statusCode === 410) throw new GoneError(failure.message);
    if (failure) throw failure;
    if (stalledSince !== undefined)
      throw new StalledError(`no event or bookmark for ${Math.round(this.options.stallMs / 1000)} s, the connection is presumed dead; relisting`, stalledSince);
  }

  private emit(type: WatchEventType, object: KubeObject) {
    for (const listener of this.listeners) listener.onEvent(type, object);
  }

  /** Reports a failure; `since` stays the start of the episode while errors follow each other. */
  private setError(error: { code?: number; message: string; stalled?: boolean }, since = this.options.clock.now()) {
    this.options.onError?.({ ...(error.code === undefined ? {} : { code: error.code }), stalled: error.stalled === true });
    this.setStatus({ synced: this.status.synced, error: { ...error, since: this.status.error?.since ?? since } });
  }

  private setStatus(status: StreamStatus) {
    this.status = status;
    for (const listener of this.listeners) listener.onStatus?.(status);
  }
}
