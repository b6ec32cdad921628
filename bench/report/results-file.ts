// Result files: bench/results/<ISO timestamp>-<mode>.json, never overwritten, all kept so later
// runs can be compared with earlier ones.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { MachineDescription } from "../lib/machine.ts";
import type { Mode, Scenario } from "../lib/args.ts";
import type { DetectionResult } from "../scenarios/detection-latency.ts";
import type { ApiCostResult } from "../scenarios/api-cost.ts";
import type { FanoutResult } from "../scenarios/fanout.ts";
import type { EngineResult } from "../scenarios/engine.ts";
import type { SnapshotResult } from "../scenarios/snapshots.ts";
import type { AuditSearchResult } from "../scenarios/audit-search.ts";
import type { ApplyResult } from "../scenarios/apply.ts";
import type { RolloutResult } from "../scenarios/rollout.ts";
import type { CreatedAtOnceResult } from "../scenarios/created-at-once.ts";
import type { BrowserTableResult } from "../scenarios/browser-table.ts";

export const RESULTS_DIR = fileURLToPath(new URL("../results/", import.meta.url));

export type BenchResults = {
  date: string;
  mode: Mode;
  command: string;
  scenarios: Scenario[];
  durationSeconds: number;
  machine: MachineDescription;
  detection?: DetectionResult;
  apiCost?: ApiCostResult;
  fanout?: FanoutResult;
  engine?: EngineResult;
  snapshots?: SnapshotResult;
  auditSearch?: AuditSearchResult;
  apply?: ApplyResult;
  rollout?: RolloutResult;
  createdAtOnce?: CreatedAtOnceResult;
  browser?: BrowserTableResult;
  /** Per scenario run: the budget printed at the start, the elapsed time, load averages (1 min) at its start and end. */
  timing?: Partial<Record<Scenario, { budgetSeconds: number; elapsedSeconds: number; loadAverage: [number, number] }>>;
  /** Scenarios that threw: reported, never hidden. */
  errors: Partial<Record<Scenario, string>>;
};

export function writeResults(results: BenchResults): string {
  const stamp = results.date.replace(/:/g, "-").replace(/\.\d+Z$/, "Z");
  let file = join(RESULTS_DIR, `${stamp}-${results.mode}.json`);
  for (let i = 2; existsSync(file); i++) file = join(RESULTS_DIR, `${stamp}-${results.mode}-${i}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`, { flag: "wx" });
  return file;
}

/** Every earlier result file, oldest first. */
export function previousResults(except: string): { file: string; results: BenchResults }[] {
  if (!existsSync(RESULTS_DIR)) return [];
  return readdirSync(RESULTS_DIR)
    .filter((name) => name.endsWith(".json") && join(RESULTS_DIR, name) !== except)
    .sort()
    .flatMap((name) => {
      try {
        return [{ file: join(RESULTS_DIR, name), results: JSON.parse(readFileSync(join(RESULTS_DIR, name), "utf8")) as BenchResults }];
      } catch {
        return [];
      }
    });
}
