// What a socket joining a deployment's room gets: per step, either its whole table (a snapshot) or
// the batches it lacks after `since`, and from which sequence number on it is up to date. A
// step's state comes from the instance that runs it: this process's LiveTables, another
// instance's (its owner answers `live:steps` over the Redis adapter, fanout.ts), or, when no
// instance runs it (finished, or its owner is gone or unreachable), the database: the checkpointed
// rows with their sequence number while running, the frozen snapshot once finished.
import { SNAPSHOT_PART_ROWS, type SnapshotPart, type StepTableSnapshot } from "../contracts/live.ts";
import type { ObjectRowView, RowChangeBatch } from "../contracts/object-status.ts";
import type { StepRunStatus } from "../contracts/projects.ts";
import { NotFoundError } from "../errors.ts";
import type { Database } from "../store/database.ts";
import { loadStepRows } from "../store/step-records.ts";
import { phaseFromRecord } from "./deployment-tables.ts";
import type { LiveTables } from "./live-tables.ts";

/** Asked of every instance: the live state of these steps, as far as it runs them. */
export type StepsQuery = { deploymentId: string; steps: { stepRunId: string; since?: number }[] };

/** One instance's answer for a step it runs: its rows, or only the batches after `since`. */
export type OwnedStep = Pick<StepTableSnapshot, "stepRunId" | "status" | "outcomeMessage" | "phase" | "frozenAt" | "seq"> & {
  rows: ObjectRowView[] | null;
  batches: RowChangeBatch[] | null;
};

/** The owner's side of `live:steps`: the steps of the query this process runs. */
export function ownedSteps(live: LiveTables, query: StepsQuery): OwnedStep[] {
  const answers: OwnedStep[] = [];
  for (const { stepRunId, since } of query.steps ?? []) {
    const step = live.get(stepRunId);
    if (!step || step.deploymentId !== query.deploymentId) continue;
    const batches = since === undefined ? undefined : live.batchesSince(stepRunId, since);
    const { status, outcomeMessage, phase, frozenAt, seq } = step;
    answers.push({ stepRunId, status, outcomeMessage, phase, frozenAt, seq, rows: batches ? null : [...step.rows.values()], batches: batches ?? null });
  }
  return answers;
}

export type JoinPlan = {
  /** Steps sent whole ("table:snapshot"); every step on a first join. */
  snapshot: StepTableSnapshot[];
  /** Batches the socket lacks ("table:delta"), in order per step. */
  resend: RowChangeBatch[];
  /** Per step, the last sequence number the socket holds once snapshot and resend are sent. */
  upTo: Record<string, number>;
  /** Whether a "table:snapshot" is sent at all (always on a first join, so the browser knows). */
  sendSnapshot: boolean;
};

export type JoinOptions = {
  /** The socket's last sequence number per step (a re-join); absent on a first join. */
  since?: Record<string, number>;
  /** Steps the socket already holds frozen: left out entirely. */
  skip?: ReadonlySet<string>;
  /** Asks the other instances (absent or failing: the database answers). */
  askOwners?: (query: StepsQuery) => Promise<OwnedStep[]>;
};

export async function planJoin(db: Database, live: LiveTables, deploymentId: string, options: JoinOptions = {}): Promise<JoinPlan> {
  const { since, skip } = options;
  const deployment = await db.deployment.findUnique({ where: { id: deploymentId }, select: { stepRuns: { orderBy: { position: "asc" } } } });
  if (!deployment) throw new NotFoundError("Deployment", deploymentId);
  const runs = deployment.stepRuns.filter((run) => !skip?.has(run.id));

  // Steps running but not here: their owner (if any instance answers) knows them best.
  const elsewhere = runs.filter((run) => !run.frozenAt && !live.get(run.id));
  const remote = new Map<string, OwnedStep>();
  if (elsewhere.length && options.askOwners) {
    const answers = await options.askOwners({ deploymentId, steps: elsewhere.map((run) => ({ stepRunId: run.id, since: since?.[run.id] })) });
    // Two answers for one step (an instance that lost its lease still holds it): the newest wins.
    for (const answer of answers) if ((remote.get(answer.stepRunId)?.seq ?? -1) < answer.seq) remote.set(answer.stepRunId, answer);
  }

  const plan: JoinPlan = { snapshot: [], resend: [], upTo: {}, sendSnapshot: !since };
  for (const run of runs) {
    const base = { stepRunId: run.id, position: run.position, name: run.name, verificationEnabled: run.verificationEnabled };
    const known = since?.[run.id];
    const local = run.frozenAt ? undefined : live.get(run.id);
    const owned = run.frozenAt ? undefined : remote.get(run.id);
    let header: Omit<StepTableSnapshot, keyof typeof base | "rows">;
    let missing: RowChangeBatch[] | undefined;
    let rows: () => Promise<ObjectRowView[]> | ObjectRowView[];
    if (local) {
      header = { status: local.status, outcomeMessage: local.outcomeMessage, phase: local.phase, frozenAt: local.frozenAt, seq: local.seq };
      missing = known === undefined ? undefined : live.batchesSince(run.id, known);
      rows = () => [...local.rows.values()];
    } else if (owned && (owned.rows || owned.batches)) {
      header = { status: owned.status, outcomeMessage: owned.outcomeMessage, phase: owned.phase, frozenAt: owned.frozenAt, seq: owned.seq };
      missing = known === undefined ? undefined : (owned.batches ?? undefined);
      const ownedRows = owned.rows;
      // The owner sent batches, not rows, because they were enough; they are always used then.
      rows = () => ownedRows ?? [];
    } else {
      header = {
        status: run.status as StepRunStatus,
        outcomeMessage: run.outcomeMessage,
        phase: phaseFromRecord(run),
        frozenAt: run.frozenAt?.toISOString() ?? null,
        seq: run.lastSequence,
        failureSummary: run.frozenAt ? (run.failureSummary ?? null) : null,
      };
      rows = () => loadStepRows(db, run.id);
    }
    const behind = !local && !owned && !header.frozenAt && known !== undefined && known > header.seq;
    if (behind) {
      // No instance answered and the checkpoint is older than what the socket holds (its owner
      // is not reachable just now): an older table would take the browser back; it keeps its own.
      plan.upTo[run.id] = known;
    } else if (since && missing && !header.frozenAt) {
      plan.resend.push(...missing);
      plan.upTo[run.id] = Math.max(known ?? 0, ...missing.map((batch) => batch.seq));
    } else if (!since || known === undefined || known !== header.seq || header.frozenAt) {
      plan.snapshot.push({ ...base, ...header, rows: await rows() });
      plan.upTo[run.id] = header.seq;
    } else {
      plan.upTo[run.id] = known;
    }
  }
  if (plan.snapshot.length) plan.sendSnapshot = true;
  return plan;
}

/** Rows in tree order: each parent before its children, siblings (and roots) as they came. */
export function treeOrder(rows: readonly ObjectRowView[]): ObjectRowView[] {
  const keys = new Set(rows.map((row) => row.key));
  const children = new Map<string, ObjectRowView[]>();
  const roots: ObjectRowView[] = [];
  for (const row of rows) {
    // A row whose parent is not in the table (yet) stands at the top.
    if (row.parentKey === null || row.parentKey === row.key || !keys.has(row.parentKey)) roots.push(row);
    else {
      let siblings = children.get(row.parentKey);
      if (!siblings) children.set(row.parentKey, (siblings = []));
      siblings.push(row);
    }
  }
  const ordered: ObjectRowView[] = [];
  const seen = new Set<string>();
  const stack = roots.reverse();
  while (stack.length) {
    const row = stack.pop()!;
    if (seen.has(row.key)) continue;
    seen.add(row.key);
    ordered.push(row);
    const below = children.get(row.key);
    if (below) for (let i = below.length - 1; i >= 0; i -= 1) stack.push(below[i]!);
  }
  // A parent cycle has no root: its rows come last rather than not at all.
  for (const row of rows) if (!seen.has(row.key)) ordered.push(row);
  return ordered;
}

/** One step's table as "table:snapshot" parts of at most SNAPSHOT_PART_ROWS rows (at least one part). */
export function snapshotParts(step: StepTableSnapshot, snapshotId: string): { steps: StepTableSnapshot[]; part: SnapshotPart }[] {
  const rows = treeOrder(step.rows);
  const count = Math.max(1, Math.ceil(rows.length / SNAPSHOT_PART_ROWS));
  return Array.from({ length: count }, (_, index) => ({
    steps: [{ ...step, rows: rows.slice(index * SNAPSHOT_PART_ROWS, (index + 1) * SNAPSHOT_PART_ROWS) }],
    part: { snapshotId, stepRunId: step.stepRunId, index, count, seq: step.seq },
  }));
}
