// One shared LIST+WATCH per (cluster, resource type, namespace), used by every running step.
// Reference-counted: the first subscriber starts the stream, and it stops a short linger after
// its last subscriber leaves (a following step in the same namespace reuses it). The number of
// streams grows with kinds × namespaces, never with the number of objects.
// Every object is projected as it arrives (watched-object.ts): the streams, and every tracker
// reading them, keep only what the rules, the rows and the drawer of a frozen step need.
import type { Clock } from "./clock.ts";
import { systemClock } from "./clock.ts";
import type { ResourceType } from "./resources.ts";
import { projectingTransport } from "./watched-object.ts";
import { WatchStream, type StreamListener, type StreamOptions, type WatchTransport } from "./watch-stream.ts";

export type TransportFactory = (clusterKey: string, resource: ResourceType, namespace: string | undefined) => WatchTransport;

export type WatchHubOptions = {
  clock?: Clock;
  lingerMs?: number;
  stallMs?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  healthyMs?: number;
  /** Told of every failure of any stream (metrics). */
  onStreamError?: StreamOptions["onError"];
};

// A watch silent this long is presumed dead (reported, relisted, re-watched). Well under the
// default step timeout (180 s), so a dead connection is noticed and repaired within a step;
// above the watch request's own timeout (60 s, http-transport.ts: the server ends a quiet watch
// then, and sends a bookmark at 58 s or earlier when anything changed) with a 30 s margin for a
// busy server or a slow relist, so a healthy watch never trips it.
export const WATCH_STALL_MS = 90_000;

type Entry = { stream: WatchStream; users: number; stopTimer?: { cancel(): void } };

export class WatchHub {
  private readonly entries = new Map<string, Entry>();
  private readonly clock: Clock;

  constructor(
    private readonly transportFor: TransportFactory,
    private readonly options: WatchHubOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
  }

  /** Subscribes to a resource type in a namespace (undefined: cluster-scoped or all namespaces). */
  subscribe(clusterKey: string, resource: ResourceType, namespace: string | undefined, listener: StreamListener): () => void {
    const key = `${clusterKey}|${resource.group}/${resource.version}/${resource.plural}|${resource.namespaced ? (namespace ?? "*") : "-"}`;
    let entry = this.entries.get(key);
    if (!entry) {
      const stream = new WatchStream(projectingTransport(this.transportFor(clusterKey, resource, resource.namespaced ? namespace : undefined)), {
        clock: this.clock,
        stallMs: this.options.stallMs ?? WATCH_STALL_MS,
        minBackoffMs: this.options.minBackoffMs,
        maxBackoffMs: this.options.maxBackoffMs,
        healthyMs: this.options.healthyMs,
        onError: this.options.onStreamError,
      });
      entry = { stream, users: 0 };
      this.entries.set(key, entry);
    }
    entry.stopTimer?.cancel();
    entry.stopTimer = undefined;
    entry.users++;
    const unsubscribeStream = entry.stream.subscribe(listener);
    let active = true;
    const current = entry;
    return () => {
      if (!active) return;
      active = false;
      unsubscribeStream();
      current.users--;
      if (current.users === 0) {
        current.stopTimer = this.clock.after(this.options.lingerMs ?? 15_000, () => {
          if (current.users === 0 && this.entries.get(key) === current) {
            current.stream.stop();
            this.entries.delete(key);
          }
        });
      }
    };
  }

  /** Subscriptions not yet released, over every stream (0 once every tracker let go). */
  get subscriberCount(): number {
    let total = 0;
    for (const entry of this.entries.values()) total += entry.users;
    return total;
  }

  /** Streams currently open: what the API server sees as watch connections. */
  get streamCount(): number {
    return this.entries.size;
  }

  /** Streams whose last attempt failed (unreachable, forbidden, stalled) and that are retrying. */
  get failingStreamCount(): number {
    let failing = 0;
    for (const entry of this.entries.values()) if (entry.stream.currentStatus.error) failing++;
    return failing;
  }

  async stop(): Promise<void> {
    const streams = [...this.entries.values()].map((entry) => (entry.stopTimer?.cancel(), entry.stream.stop(), entry.stream.done));
    this.entries.clear();
    await Promise.allSettled(streams);
  }
}
