// What the engine tells the rest of the server while deployments run. The composition root wires
// live/ (browsers) to it; the engine itself knows nothing of sockets.
import { EventEmitter } from "node:events";
import type { RowChangeBatch } from "../contracts/object-status.ts";
import type { LogLineView, StepRunStatus } from "../contracts/projects.ts";
import type { StepPhase } from "../contracts/live.ts";

export type EngineEventMap = {
  rows: [{ deploymentId: string; batch: RowChangeBatch }];
  log: [{ deploymentId: string; stepRunId: string; lines: LogLineView[] }];
  step: [{ deploymentId: string; stepRunId: string; status: StepRunStatus; outcomeMessage?: string; phase: StepPhase; frozenAt?: string | null }];
  deployment: [{ deploymentId: string; status: string }];
};

export type EngineEvents = EventEmitter<EngineEventMap>;

const holder = globalThis as typeof globalThis & { __kdeployEngineEvents?: EngineEvents };

export function engineEvents(): EngineEvents {
  holder.__kdeployEngineEvents ??= new EventEmitter<EngineEventMap>().setMaxListeners(0);
  return holder.__kdeployEngineEvents;
}
