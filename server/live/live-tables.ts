// What the live transport knows about running steps in this process: each step's current rows,
// its last sequence number and its recent batches (so a browser that reconnects resumes without
// gaps), and its phase. Fed by the engine's events; finished steps are dropped after a while and
// served from the database (their frozen snapshot) from then on.
import type { ObjectRowView, RowChangeBatch } from "../contracts/object-status.ts";
import type { StepPhase } from "../contracts/live.ts";
import type { StepRunStatus } from "../contracts/projects.ts";
import type { EngineEvents } from "../deploy/engine-events.ts";

const RECENT_BATCHES = 500;
const FORGET_FINISHED_MS = 60_000;

export type LiveStep = {
  deploymentId: string;
  stepRunId: string;
  status: StepRunStatus;
  outcomeMessage: string;
  phase: StepPhase;
  frozenAt: string | null;
  seq: number;
  rows: Map<string, ObjectRowView>;
  recent: RowChangeBatch[];
};

export class LiveTables {
  private readonly steps = new Map<string, LiveStep>();

  constructor(events: EngineEvents) {
    events.on("rows", ({ deploymentId, batch }) => this.applyBatch(deploymentId, batch));
    events.on("step", ({ deploymentId, stepRunId, status, outcomeMessage, phase, frozenAt }) => {
      const step = this.stepOf(deploymentId, stepRunId);
      step.status = status;
      step.phase = phase;
      if (outcomeMessage !== undefined) step.outcomeMessage = outcomeMessage;
      if (frozenAt) {
        step.frozenAt = frozenAt;
        setTimeout(() => this.steps.delete(stepRunId), FORGET_FINISHED_MS).unref();
      }
    });
  }

  get(stepRunId: string): LiveStep | undefined {
    return this.steps.get(stepRunId);
  }

  /** Batches after `since`, or undefined when they are no longer all kept (send a snapshot). */
  batchesSince(stepRunId: string, since: number): RowChangeBatch[] | undefined {
    const step = this.steps.get(stepRunId);
    if (!step) return undefined;
    if (since === step.seq) return [];
    // Ahead of this process: the browser saw batches of a server that died before checkpointing
    // them, with rows this one never sent; only a fresh table is right (not "nothing missing").
    if (since > step.seq) return undefined;
    const first = step.recent[0];
    if (!first || first.seq > since + 1) return undefined;
    return step.recent.filter((batch) => batch.seq > since);
  }

  private stepOf(deploymentId: string, stepRunId: string): LiveStep {
    let step = this.steps.get(stepRunId);
    if (!step) {
      step = {
        deploymentId,
        stepRunId,
        status: "Running",
        outcomeMessage: "",
        phase: { name: "pending" },
        frozenAt: null,
        seq: 0,
        rows: new Map(),
        recent: [],
      };
      this.steps.set(stepRunId, step);
    }
    return step;
  }

  private applyBatch(deploymentId: string, batch: RowChangeBatch) {
    const step = this.stepOf(deploymentId, batch.stepRunId);
    if (batch.seq <= step.seq) return;
    for (const row of batch.upserts) step.rows.set(row.key, row);
    for (const key of batch.removals) step.rows.delete(key);
    step.seq = batch.seq;
    step.recent.push(batch);
    if (step.recent.length > RECENT_BATCHES) step.recent.splice(0, step.recent.length - RECENT_BATCHES);
  }
}

const holder = globalThis as typeof globalThis & { __kdeployLiveTables?: LiveTables };

export function liveTables(events: EngineEvents): LiveTables {
  holder.__kdeployLiveTables ??= new LiveTables(events);
  return holder.__kdeployLiveTables;
}
