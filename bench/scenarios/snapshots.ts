// Scenario 5: freezing a step's table (`freezeStep`, one transaction: rows, transitions, outcome)
// on SQLite and PostgreSQL. Audit search is scenarios/audit-search.ts.
import { loadavg } from "node:os";
import { createTestDatabase, postgresTestUrl } from "../../server/testing/test-database.ts";
import { freezeStep } from "../../server/store/step-records.ts";
import { mergePendingSearchEntries } from "../../server/store/search-index-merge.ts";
import type { ObjectRowView } from "../../server/contracts/object-status.ts";
import { seedRunningStep } from "../lib/seed-step-run.ts";
import { nowMs } from "../lib/clock.ts";
import { round, summarize, type Summary } from "../lib/stats.ts";
import type { Log } from "../lib/log.ts";

/**
 * `cpuMs`: this process's CPU time (user + system) during the freeze, less sensitive to a loaded
 * machine than wall time; on SQLite it includes the database's own work (in-process), on
 * PostgreSQL it is the client side only.
 */
export type FreezeRow = {
  provider: "sqlite" | "postgresql";
  rows: number;
  transitions: number;
  freezeMs: Summary | null;
  cpuMs?: Summary | null;
  /**
   * PostgreSQL: from the freeze's return to its trigram indexes' pending entries merged
   * (server/store/search-index-merge.ts; after the commit, off the step's path). Awaited before
   * the next repetition.
   */
  mergeMs?: Summary | null;
  note?: string;
};
export type SnapshotResult = { config: { rowCounts: number[]; repetitions: number }; freeze: FreezeRow[] };

/** A step's table as the tracker produces it: Deployments with a ReplicaSet and pods below. */
function tableOf(count: number): { rows: ObjectRowView[]; transitions: { key: string; at: Date; status: string; message: string }[] } {
  const at = new Date();
  const rows: ObjectRowView[] = [];
  for (let i = 0; rows.length < count; i++) {
    const deployment = `dep-${i}`;
    const replicaSet = `rs-${i}`;
    rows.push({
      key: deployment,
      uid: deployment,
      parentKey: null,
      apiVersion: "apps/v1",
      kind: "Deployment",
      namespace: "bench",
      name: `app-${i}`,
      status: "Success",
      message: "2/2 replicas available",
      summary: "2/2",
      lastChangeAt: at.toISOString(),
    });
    rows.push({
      key: replicaSet,
      uid: replicaSet,
      parentKey: deployment,
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      namespace: "bench",
      name: `app-${i}-5d8f7b9c4`,
      status: "Success",
      message: "2/2 ready",
      summary: "2/2",
      lastChangeAt: at.toISOString(),
    });
    for (let p = 0; p < 2; p++)
      rows.push({
        key: `pod-${i}-${p}`,
        uid: `pod-${i}-${p}`,
        parentKey: replicaSet,
        apiVersion: "v1",
        kind: "Pod",
        namespace: "bench",
        name: `app-${i}-5d8f7b9c4-${p}x7kq`,
        status: "Success",
        message: "Running, ready",
        summary: "1/1",
        lastChangeAt: at.toISOString(),
      });
  }
  rows.length = count;
  // Every row went InProgress → Success: two transitions each, as a real step records.
  const transitions = rows.flatMap((row) => [
    { key: row.key, at: new Date(at.getTime() - 3000), status: "InProgress", message: "Waiting" },
    { key: row.key, at, status: "Success", message: row.message },
  ]);
  return { rows, transitions };
}

async function measureFreeze(provider: "sqlite" | "postgresql", rowCount: number, repetitions: number, log: Log): Promise<FreezeRow> {
  const database = await createTestDatabase(provider);
  try {
    const { rows, transitions } = tableOf(rowCount);
    const times: number[] = [];
    const cpu: number[] = [];
    const merges: number[] = [];
    for (let r = 0; r < repetitions; r++) {
      const { stepRunId } = await seedRunningStep(database.db, `${rowCount}-${r}`);
      const started = nowMs();
      const cpuBefore = process.cpuUsage();
      const frozen = await freezeStep(database.db, stepRunId, {
        status: "Succeeded",
        outcomeMessage: "Every object stayed Success",
        rows,
        transitions,
        finishedAt: new Date(),
        lastSequence: 42,
      });
      const ms = nowMs() - started;
      const used = process.cpuUsage(cpuBefore);
      if (!frozen) throw new Error("freezeStep did not freeze a fresh step");
      times.push(round(ms)!);
      cpu.push(round((used.user + used.system) / 1000)!);
      if (provider === "postgresql") {
        const mergeStarted = nowMs();
        await mergePendingSearchEntries(database.db);
        merges.push(round(nowMs() - mergeStarted)!);
      }
    }
    const merged = merges.length ? `; index merge after the commit ${merges.join(", ")} ms` : "";
    log.info(
      `  snapshots ${provider} ${rowCount} rows: freeze ${times.join(", ")} ms (process CPU ${cpu.join(", ")} ms${merged}; load ${loadavg()[0]!.toFixed(2)})`,
    );
    return {
      provider,
      rows: rowCount,
      transitions: transitions.length,
      freezeMs: summarize(times),
      cpuMs: summarize(cpu),
      ...(merges.length ? { mergeMs: summarize(merges) } : {}),
    };
  } finally {
    await database.cleanup();
  }
}

export async function runSnapshots(config: { rowCounts: number[]; repetitions: number }, log: Log): Promise<SnapshotResult> {
  const freeze: FreezeRow[] = [];
  for (const provider of ["sqlite", "postgresql"] as const) {
    for (const rows of config.rowCounts) {
      if (provider === "postgresql" && !postgresTestUrl) {
        freeze.push({
          provider,
          rows,
          transitions: rows * 2,
          freezeMs: null,
          note: "not measured: KDEPLOY_TEST_POSTGRES_URL not set (scripts/services/postgres.sh start)",
        });
        continue;
      }
      try {
        freeze.push(await measureFreeze(provider, rows, config.repetitions, log));
      } catch (error) {
        freeze.push({ provider, rows, transitions: rows * 2, freezeMs: null, note: `failed: ${(error as Error).message.slice(0, 300)}` });
        log.info(`  snapshots ${provider} ${rows}: FAILED ${(error as Error).message}`);
      }
    }
  }
  return { config, freeze };
}
