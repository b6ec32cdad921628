// A manual clock and a scripted transport for watch tests.
import type { Clock } from "../clock.ts";
import type { KubeObject, WatchTransport } from "../watch-stream.ts";
import { KubeHttpError } from "../http.ts";

export class ManualClock implements Clock {
  private current = 0;
  private timers: { at: number; callback: () => void; cancelled: boolean }[] = [];
  now() {
    return this.current;
  }
  after(ms: number, callback: () => void) {
    const timer = { at: this.current + ms, callback, cancelled: false };
    this.timers.push(timer);
    return { cancel: () => void (timer.cancelled = true) };
  }
  async advance(ms: number) {
    const target = this.current + ms;
    for (;;) {
      const due = this.timers.filter((t) => !t.cancelled && t.at <= target).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.current = due.at;
      due.cancelled = true;
      due.callback();
      await flush();
    }
    this.current = target;
    await flush();
  }
  pendingDelays() {
    return this.timers.filter((t) => !t.cancelled).map((t) => t.at - this.current);
  }
}

export const flush = async () => {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
};

export const object = (uid: string, resourceVersion: string, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { uid, name: uid, namespace: "ns", resourceVersion },
  ...extra,
});

type WatchSession = {
  resourceVersion: string;
  emit(type: string, object: KubeObject): void;
  /** The server accepted the watch (HTTP 200, before any event). */
  open(): void;
  end(): void;
  fail(error: Error): void;
  signal: AbortSignal;
};

/** Lists return what `listResult` holds; each watch call becomes a session the test drives. */
export class ScriptedTransport implements WatchTransport {
  listResult: { items: KubeObject[]; resourceVersion: string } = { items: [], resourceVersion: "1" };
  listError: Error | undefined;
  /** When set, every watch fails with it at once (an API server that is down). */
  watchError: Error | undefined;
  lists = 0;
  sessions: WatchSession[] = [];

  async list() {
    this.lists++;
    if (this.listError) throw this.listError;
    return structuredClone(this.listResult);
  }

  watch(resourceVersion: string, signal: AbortSignal, onEvent: (type: string, object: KubeObject) => void, onOpen?: () => void) {
    return new Promise<void>((resolve, reject) => {
      if (this.watchError) return reject(this.watchError);
      const session: WatchSession = { resourceVersion, emit: onEvent, open: () => onOpen?.(), end: resolve, fail: reject, signal };
      signal.addEventListener("abort", () => reject(new Error("aborted")), { once: true });
      this.sessions.push(session);
    });
  }

  get lastSession() {
    return this.sessions.at(-1)!;
  }
}

export const bookmark = (resourceVersion: string): KubeObject => ({ metadata: { uid: "", name: "", resourceVersion } });

export const httpError = (code: number) => new KubeHttpError(code, `HTTP ${code}`);
