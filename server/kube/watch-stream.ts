// One LIST+WATCH of one resource type in one namespace, kept alive until stopped:
//   - LIST once, then WATCH from the list's resourceVersion with bookmarks;
//   - a watch that ends normally (server timeout) resumes from the last resourceVersion;
//   - 410 Gone (expired resourceVersion) relists and emits only the differences;
//   - 401/403 are reported to subscribers (rows show it) and retried slowly;
//   - other errors back off exponentially with jitter;
//   - a watch silent for longer than the server timeout plus a margin is treated as stalled and restarted.
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
export type StreamStatus = { synced: boolean; error?: { code?: number; message: string } };

export type WatchTransport = {
  list(signal: AbortSignal): Promise<{ items: KubeObject[]; resourceVersion: string }>;
  /** Resolves when the server ends the watch, rejects on errors. */
  watch(resourceVersion: string, signal: AbortSignal, onEvent: (type: string, object: KubeObject) => void): Promise<void>;
};

export type StreamListener = {
  onEvent(type: WatchEventType, object: KubeObject): void;
  onStatus?(status: StreamStatus): void;
};

export type StreamOptions = { clock: Clock; stallMs: number; minBackoffMs?: number; maxBackoffMs?: number; random?: () => number };

class GoneError extends Error {}
class StalledError extends Error {}

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
      try {
        if (this.resourceVersion === undefined) await this.relist(signal);
        await this.watchOnce(signal);
        this.attempt = 0; // a normal end: resume from the last resourceVersion
      } catch (error) {
        if (signal.aborted) break;
        if (error instanceof GoneError) {
          this.resourceVersion = undefined; // relist at once
          continue;
        }
        const code = error instanceof KubeHttpError ? error.statusCode : undefined;
        if (code === 401 || code === 403 || code === 404) this.setStatus({ synced: this.status.synced, error: { code, message: (error as Error).message } });
        else if (!(error instanceof StalledError)) this.setStatus({ synced: this.status.synced, error: { code, message: (error as Error).message } });
        await sleep(this.options.clock, this.backoffMs(code), signal);
      }
    }
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
    this.attempt = 0;
    this.setStatus({ synced: true });
  }

  private async watchOnce(parent: AbortSignal) {
    const controller = new AbortController();
    const abort = () => controller.abort();
    parent.addEventListener("abort", abort, { once: true });
    let stalled = false;
    let watchdog = this.options.clock.after(this.options.stallMs, () => ((stalled = true), controller.abort()));
    const touch = () => {
      watchdog.cancel();
      watchdog = this.options.clock.after(this.options.stallMs, () => ((stalled = true), controller.abort()));
    };
    let failure: Error | undefined;
    try {
      await this.transport.watch(this.resourceVersion!, controller.signal, (type, object) => {
        touch();
        if (failure) return;
        if (type === "ERROR") {
          const status = object as unknown as { code?: number; message?: string; reason?: string };
          failure = status.code === 410 ? new GoneError(status.message) : new KubeHttpError(status.code ?? 500, status.message ?? "watch error", status.reason);
          controller.abort();
          return;
        }
        const version = object.metadata?.resourceVersion;
        if (version) this.resourceVersion = version;
        if (type === "BOOKMARK") return;
        if (type === "DELETED") this.cache.delete(object.metadata.uid);
        else if (type === "ADDED" || type === "MODIFIED") this.cache.set(object.metadata.uid, object);
        else return;
        if (this.status.error) this.setStatus({ synced: true });
        this.emit(type, object);
      });
    } catch (error) {
      if (!failure && !stalled && !parent.aborted) failure = error as Error;
    } finally {
      watchdog.cancel();
      parent.removeEventListener("abort", abort);
    }
    if (failure instanceof KubeHttpError && failure.statusCode === 410) throw new GoneError(failure.message);
    if (failure) throw failure;
    if (stalled) throw new StalledError("watch stalled");
  }

  private emit(type: WatchEventType, object: KubeObject) {
    for (const listener of this.listeners) listener.onEvent(type, object);
  }

  private setStatus(status: StreamStatus) {
    this.status = status;
    for (const listener of this.listeners) listener.onStatus?.(status);
  }
}
