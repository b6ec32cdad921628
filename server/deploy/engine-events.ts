// What the engine tells the rest of the server while deployments run. The composition root wires
// live/ (browsers) to it; the engine itself knows nothing of sockets.
import { EventEmitter } from "node:events";
import type { RowChangeBatch } from "../contracts/object-status.ts";
import type { LogLineView, StepRunStatus } from "../contracts/projects.ts";
import type { StepPhase } from "../contracts/live.ts";

export type EngineEventMap = {
  /** `eventLagMs`: from the first watch event in the batch reaching the tracker to this emit (metrics). */
  rows: [{ deploymentId: string; batch: RowChangeBatch; eventLagMs?: number }];
  log: [{ deploymentId: string; stepRunId: string; lines: LogLineView[] }];
  step: [{ deploymentId: string; stepRunId: string; status: StepRunStatus; outcomeMessage?: string; phase: StepPhase; frozenAt?: string | null }];
  deployment: [{ deploymentId: string; status: string }];
  /** This instance took over a deployment whose lease another instance stopped renewing (metrics). */
  "lease-takeover": [{ deploymentId: string; from: string; to: string }];
  /** A step's snapshot write (with its retries) ended: how long it took and whether it was saved. */
  freeze: [{ stepRunId: string; seconds: number; saved: boolean }];
  /** A watch stream failed once (it retries on its own); for metrics. */
  "watch-error": [{ code?: number; stalled: boolean }];
};

export type EngineEvents = EventEmitter<EngineEventMap>;

const holder = globalThis as typeof globalThis & { __kdeployEngineEvents?: EngineEvents };

export function engineEvents(): EngineEvents {
  holder.__kdeployEngineEvents ??= new EventEmitter<EngineEventMap>().setMaxListeners(0);
  return holder.__kdeployEngineEvents;
}
