// `npm run bench -- [--quick|--full] [--only <scenario>[,…]]`: runs issue 6's and 12's benchmark scenarios
// on the sandbox cluster, writes bench/results/<ISO timestamp>-<mode>.json (never overwriting),
// and regenerates docs/benchmarks.md and bench/results/detection-latency.svg.
// Scenarios run one after another (2 shared cores); a scenario that fails is recorded as failed
// and the others still run. The plan (each scenario's time budget) is printed first; each one's
// elapsed time and the load average around it go into the JSON and the docs. Every namespace, process and server started here is cleaned up.
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { budgetFor, configFor, parseArgs, type Scenario } from "./lib/args.ts";
import { createLog } from "./lib/log.ts";
import { describeMachine } from "./lib/machine.ts";
import { nowMs } from "./lib/clock.ts";
import { round } from "./lib/stats.ts";
import { killAllStarted } from "./lib/child-processes.ts";
import { benchCluster, cleanupCluster } from "./lib/cluster.ts";
import { runDetectionLatency } from "./scenarios/detection-latency.ts";
import { runApiCost } from "./scenarios/api-cost.ts";
import { runFanout } from "./scenarios/fanout.ts";
import { runEngine } from "./scenarios/engine.ts";
import { runSnapshots } from "./scenarios/snapshots.ts";
import { runAuditSearch } from "./scenarios/audit-search.ts";
import { runApply } from "./scenarios/apply.ts";
import { runBrowserTable } from "./scenarios/browser-table.ts";
import { runRollout } from "./scenarios/rollout.ts";
import { runCreatedAtOnce } from "./scenarios/created-at-once.ts";
import { previousResults, RESULTS_DIR, writeResults, type BenchResults } from "./report/results-file.ts";
import { renderBenchmarksMarkdown } from "./report/markdown.ts";
import { detectionLatencySvg } from "./report/svg-plot.ts";

const args = parseArgs(process.argv.slice(2));
const config = configFor(args.mode, args.repetitions);
const log = createLog(args.verbose);
if (args.reportOnly) {
  const newest = previousResults("").at(-1);
  if (!newest) throw new Error("no result file in bench/results/ yet: run the bench first");
  renderDocs(newest.results, newest.file);
  process.exit(0);
}
const startedAt = nowMs();
const CLUSTER_SCENARIOS: readonly Scenario[] = ["detection", "api-cost", "apply", "rollout", "created-at-once"];
const needsCluster = args.only.some((s) => CLUSTER_SCENARIOS.includes(s));
const budget = budgetFor(args.mode);

log.info(`mode ${args.mode}; scenarios: ${args.only.join(", ")}`);
log.info(
  `time budget: ${args.only.map((s) => `${s} ${Math.round(budget[s] / 60)} min`).join(", ")}; total ${Math.round(args.only.reduce((sum, s) => sum + budget[s], 0) / 60)} min`,
);
const cluster = needsCluster ? await benchCluster() : null;
const results: BenchResults = {
  date: new Date().toISOString(),
  mode: args.mode,
  command: `npm run bench -- ${process.argv.slice(2).join(" ") || "--quick"}`.trim(),
  scenarios: args.only,
  durationSeconds: 0,
  machine: await describeMachine(cluster?.binDir ?? null, cluster?.kubeconfigPath ?? null),
  errors: {},
  timing: {},
};

const steps: Record<Scenario, () => Promise<void>> = {
  detection: async () => void (results.detection = await runDetectionLatency(config.detection, log)),
  "api-cost": async () => void (results.apiCost = await runApiCost(config.apiCost, log)),
  fanout: async () => void (results.fanout = await runFanout(config.fanout, log)),
  engine: async () => void (results.engine = await runEngine(config.engine, log)),
  apply: async () => void (results.apply = await runApply(config.apply, log)),
  browser: async () => void (results.browser = await runBrowserTable(config.browser, log)),
  freeze: async () => void (results.snapshots = await runSnapshots(config.freeze, log)),
  audit: async () => void (results.auditSearch = await runAuditSearch(config.auditSearch, log)),
  rollout: async () => void (results.rollout = await runRollout(config.rollout, log)),
  "created-at-once": async () => void (results.createdAtOnce = await runCreatedAtOnce(config.createdAtOnce, log)),
};

try {
  for (const scenario of args.only) {
    log.info(`scenario ${scenario} (budget ${Math.round(budget[scenario] / 60)} min, ${Math.round((nowMs() - startedAt) / 60_000)} min elapsed)…`);
    const scenarioStart = nowMs();
    const loadAtStart = loadavg()[0]!;
    try {
      await steps[scenario]();
    } catch (error) {
      results.errors[scenario] = (error as Error).message.slice(0, 500);
      log.info(`scenario ${scenario} FAILED: ${(error as Error).stack ?? error}`);
    }
    const elapsedSeconds = Math.round((nowMs() - scenarioStart) / 1000);
    results.timing![scenario] = { budgetSeconds: budget[scenario], elapsedSeconds, loadAverage: [round(loadAtStart, 2)!, round(loadavg()[0]!, 2)!] };
    log.info(`scenario ${scenario} done in ${elapsedSeconds} s (budget ${budget[scenario]} s)`);
    // What has finished so far, so a run stopped part-way still leaves its numbers (overwritten, not a result file).
    writeFileSync(
      join(RESULTS_DIR, "in-progress.json.tmp"),
      `${JSON.stringify({ ...results, durationSeconds: Math.round((nowMs() - startedAt) / 1000) }, null, 2)}\n`,
    );
  }
} finally {
  killAllStarted();
  await cleanupCluster();
}

results.durationSeconds = Math.round((nowMs() - startedAt) / 1000);
const file = writeResults(results);
log.info(`results: ${file}`);
if (!args.noDocs) renderDocs(results, file);
process.stdout.write(`${JSON.stringify({ file, durationSeconds: results.durationSeconds, errors: results.errors })}\n`);
// Sockets and timers of the cluster client may linger; everything of ours is closed above.
process.exit(Object.keys(results.errors).length ? 1 : 0);

/** docs/benchmarks.md and the plot from `results` (scenarios it lacks come from earlier files). */
function renderDocs(results: BenchResults, file: string): void {
  const docsDir = fileURLToPath(new URL("../docs/", import.meta.url));
  const previous = previousResults(file);
  // The plot follows the detection numbers the docs show (this run's, else the latest earlier ones).
  const detectionSource = results.detection ? results : [...previous].reverse().find((p) => p.results.detection)?.results;
  let plotFile: string | null = null;
  if (detectionSource?.detection) {
    plotFile = join(RESULTS_DIR, "detection-latency.svg");
    writeFileSync(
      plotFile,
      detectionLatencySvg(
        detectionSource.detection,
        `${detectionSource.command} · ${detectionSource.date} · ${detectionSource.machine.cores} cores, ${detectionSource.machine.cpuModel}`,
      ),
    );
  }
  writeFileSync(join(docsDir, "benchmarks.md"), renderBenchmarksMarkdown({ results, file }, previous, docsDir, plotFile));
  log.info(`docs: ${join(docsDir, "benchmarks.md")}${plotFile ? `, plot: ${plotFile}` : ""}`);
}
