// The metrics of the running server, wired to the process's own services (server/index.ts).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { AppContext } from "../context.ts";
import { engineEvents } from "../deploy/engine-events.ts";
import { fanoutHealth } from "../live/fanout.ts";
import { instanceId } from "../logging.ts";
import { runningTrackers } from "../tracking/running-trackers.ts";
import { createServerMetrics, type ServerMetrics } from "./server-metrics.ts";

const packageVersion = (): string => {
  try {
    return (JSON.parse(readFileSync(resolve(import.meta.dirname, "../../package.json"), "utf8")) as { version?: string }).version ?? "unknown";
  } catch {
    return "unknown";
  }
};

export function appMetrics(context: Pick<AppContext, "db" | "executor">, live: { socketClients: () => number }): ServerMetrics {
  return createServerMetrics({
    events: engineEvents(),
    db: context.db,
    watches: () => context.executor.hub,
    trackers: () => runningTrackers().values(),
    socketClients: live.socketClients,
    fanout: fanoutHealth,
    instanceId: instanceId(),
    version: packageVersion(),
  });
}
