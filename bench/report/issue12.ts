// The parts of docs/benchmarks.md that issue 12 added: the run's time per scenario, the
// rollout, created-at-once and browser sections, and one table of issue 12's targets with the
// measured figure, its verdict and the command that produced it. Pure functions of the results
// (tested in bench/lib/report.test.ts).
import type { BenchResults } from "./results-file.ts";
import { SCENARIOS } from "../lib/args.ts";
import type { CappedValue } from "../lib/stats.ts";

export type Source = { results: BenchResults; file: string };
export type Pick = <K extends keyof BenchResults>(key: K) => { value: NonNullable<BenchResults[K]>; from: Source } | undefined;

export const fmt = (value: number | null | undefined, unit = "") => (value === null || value === undefined ? "—" : `${value.toLocaleString("en")}${unit}`);
export const ms = (value: number | null | undefined) =>
  value === null || value === undefined ? "—" : value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${value.toLocaleString("en")} ms`;
/** A figure that may be a lower bound (a peer stopped at the cap): "> 60.0 s". */
export const cappedMs = (value: CappedValue | null | undefined) => (!value ? "—" : value.capped ? `> ${ms(value.ms)}` : ms(value.ms));
export const verdict = (met: boolean | null) => (met === null ? "not measured" : met ? "**met**" : "**missed**");
const load = (results: BenchResults) => results.machine.loadAverageAtStart.join(" / ");

/** "Elapsed per scenario" of this run, with each one's budget and the load average around it. */
export function timingSection(current: Source): string[] {
  const timing = current.results.timing;
  if (!timing || Object.keys(timing).length === 0) return [];
  const out = ["", "**Time per scenario in this run** (budget printed at the start; load average over 1 minute at the scenario's start → end):", ""];
  out.push("| scenario | budget | elapsed | load average |", "|---|---:|---:|---:|");
  let budget = 0;
  let elapsed = 0;
  for (const scenario of SCENARIOS) {
    const t = timing[scenario];
    if (!t) continue;
    budget += t.budgetSeconds;
    elapsed += t.elapsedSeconds;
    out.push(`| ${scenario} | ${minutes(t.budgetSeconds)} | ${minutes(t.elapsedSeconds)} | ${t.loadAverage[0]} → ${t.loadAverage[1]} |`);
  }
  out.push(`| **total** | ${minutes(budget)} | ${minutes(elapsed)} (run: ${minutes(current.results.durationSeconds)}) | |`);
  return out;
}

const minutes = (seconds: number) => (seconds < 120 ? `${seconds} s` : `${(seconds / 60).toFixed(1)} min`);

export function rolloutSection(pick: Pick, provenance: (from: Source) => string): string[] {
  const out = ["", "## 7. Ten thousand objects in one step (rollout)", ""];
  const picked = pick("rollout");
  if (!picked) return [...out, "Not measured yet."];
  const r = picked.value;
  out.push(provenance(picked.from));
  out.push(
    `${fmt(r.config.deployments)} Deployments × ${r.config.replicas} pods (Ready at once: sandbox stage pod-ready) on the sandbox plus ${r.config.benchNodes} extra kwok nodes, ${fmt(r.trackedRows)} rows tracked. ` +
      (r.apply.oursRolloutMs !== undefined
        ? `First the apply side by side: \`kubectl apply --server-side -f\` of the manifests (process start to exit), then \`applyObjects\` as a step runs it, each into its own namespace, both of the same manifests with \`paused: true\` (their one difference from the rollout's), so the controllers create no pods on the same 2 cores while either applies (unpaused, they created 3,000 pods while kubectl was still applying, over 3 minutes at load 22); both namespaces are then deleted. `
        : `First \`kubectl apply --server-side -f\` of the manifests into its own namespace, \`paused: true\` (this run compared it with our unpaused apply below, which competes with the pods being created). `) +
      `Then ours in a fresh namespace: \`bench/scenarios/rollout-child.ts\`, its own Node process, applies them unpaused with \`applyObjects\` and tracks them with the \`StepTracker\` over HTTP watches as the step runner does (without the database checkpoints), while the harness watches the Deployments itself. Overhead per Deployment = the tracker emitting its row as Success − the harness's watch receiving the status with all ${r.config.replicas} pods updated, ready and available; for the step = "Desired state reached" − the harness seeing the last one (negative: ours was first; both watch the same API server from different processes). CPU = \`process.cpuUsage()\` of the tracker's process every 500 ms from its apply's end to the desired state; heap = heap after GC at the desired state minus the heap after GC before applying, per tracked row` +
      (r.heap.withApplyResultsBytesPerTrackedObject !== undefined
        ? `, the baseline taken after a warm-up step (one ConfigMap applied and tracked, so the code is loaded and compiled as in a server that has run steps before); "the tracker and its watches" leaves out the apply's results (each applied object's manifest and live object), which the step runner keeps beside the tracker until the freeze for the snapshot's top-level rows (the next line counts them in).`
        : ` (this run: no warm-up before the baseline, and the apply's results counted in).`),
  );
  out.push("", "| measurement | value |", "|---|---:|");
  const paused = r.apply.oursRolloutMs !== undefined ? ", paused" : "";
  out.push(`| apply, ours (\`applyObjects\`, ${fmt(r.config.deployments)} Deployments${paused}) | ${ms(r.apply.oursMs)} |`);
  out.push(`| apply, \`kubectl apply --server-side\` (paused) | ${r.apply.kubectlMs === null ? (r.apply.kubectlError ?? "failed") : ms(r.apply.kubectlMs)} |`);
  if (r.apply.oursRolloutMs !== undefined)
    out.push(`| apply, ours, of the rollout (unpaused, while the controllers create its pods) | ${ms(r.apply.oursRolloutMs)} |`);
  out.push(`| apply's end → desired state reached | ${fmt(r.rolloutSeconds)} s |`);
  const o = r.overhead;
  out.push(
    `| engine overhead per Deployment: median / p95 / max (${fmt(o.perDeploymentMs.n)} Deployments) | ${ms(o.perDeploymentMs.median)} / ${ms(o.perDeploymentMs.p95)} / ${ms(o.perDeploymentMs.max)} |`,
  );
  out.push(`| engine overhead for the step (last Deployment) | ${ms(o.stepMs)} |`);
  if (o.missingInOurs || o.missingInHarness)
    out.push(`| Deployments seen by only one side (harness only / ours only) | ${o.missingInOurs} / ${o.missingInHarness} |`);
  out.push(
    `| engine CPU, average / peak of the 500 ms samples (% of one core) | ${fmt(r.cpu.averagePercent)} % / ${fmt(r.cpu.peakPercent)} % (${fmt(r.cpu.cpuSeconds)} s CPU in ${fmt(r.cpu.wallSeconds)} s) |`,
  );
  if (r.heap.withApplyResultsBytesPerTrackedObject !== undefined) {
    out.push(`| heap per tracked object, after GC at the desired state: the tracker and its watches | ${fmt(r.heap.bytesPerTrackedObject)} bytes |`);
    out.push(
      `| heap per tracked object, after GC at the desired state: with the apply's results the step runner keeps | ${fmt(r.heap.withApplyResultsBytesPerTrackedObject)} bytes |`,
    );
  } else out.push(`| heap per tracked object, after GC at the desired state | ${fmt(r.heap.bytesPerTrackedObject)} bytes |`);
  out.push(`| heap per tracked object, highest sample (before GC) | ${fmt(r.heap.peakSampledBytesPerTrackedObject)} bytes |`);
  out.push(`| requests of the tracker (LIST / WATCH / GET) | ${r.requests.list} / ${r.requests.watch} / ${r.requests.get} |`);
  out.push(`| cluster cleanup after the scenario | ${fmt(r.cleanupSeconds)} s |`);
  return out;
}

export function createdAtOnceSection(pick: Pick, provenance: (from: Source) => string): string[] {
  const out = ["", "## 8. Created at once", ""];
  const picked = pick("createdAtOnce");
  if (!picked) return [...out, "Not measured yet."];
  const c = picked.value;
  out.push(provenance(picked.from));
  out.push(
    `N Deployments × ${c.config.replicas} pod(s) that kwok makes Ready at once, applied with \`applyObjects\` as a step does; then the tool starts. "From the apply's end" = the tool reporting done − the apply returning; "after the last pod Ready" = done − the harness's own pod watch receiving the last pod's Ready (the gap issue 12 saw at 1.2–2.2 s). Ours = the \`StepTracker\` started on the applied objects ("Desired state reached"); kubectl = \`kubectl rollout status deployment/<name>\`, one process per Deployment, all at once (as in the detection scenario; up to 200 Deployments, 1,000 processes would not fit in memory), and \`kubectl rollout status deployment -l <label>\`, one process checking them one after another. Each tool in its own fresh namespace, ${c.config.sizes.map((n) => `${c.config.repetitions[n] ?? 1} repetition(s) at N=${fmt(n)}`).join(", ")}.`,
  );
  out.push(
    "",
    "| N | tool | from the apply's end: median | p95 | after the last pod Ready: median | p95 | runs | ×ours (median) |",
    "|---:|---|---:|---:|---:|---:|---:|---:|",
  );
  for (const row of c.rows) {
    const ours = c.rows.find((x) => x.n === row.n && x.tool === "ours");
    const ratio =
      row.fromApplyEndMs.median !== null && ours?.fromApplyEndMs.median
        ? (row.fromApplyEndMs.median / Math.max(1, ours.fromApplyEndMs.median)).toFixed(2)
        : "—";
    out.push(
      `| ${fmt(row.n)} | ${row.tool} | ${ms(row.fromApplyEndMs.median)} | ${ms(row.fromApplyEndMs.p95)} | ${ms(row.afterLastPodReadyMs.median)} | ${ms(row.afterLastPodReadyMs.p95)} | ${row.fromApplyEndMs.n}${row.failures ? ` (+${row.failures} failed)` : ""} | ${ratio} |`,
    );
  }
  if (c.errors.length) out.push("", `Failures: ${c.errors.map((e) => e.replace(/\s+/g, " ").replace(/\|/g, "\\|")).join("; ")}`);
  return out;
}

export function browserSection(pick: Pick, provenance: (from: Source) => string): string[] {
  const out = ["", "## 9. Browser: the live tab at 10,000 rows", ""];
  const picked = pick("browser");
  if (!picked)
    return [
      ...out,
      "Not measured yet: `KDEPLOY_NEXT_DIST_DIR=.next-bench npx next build`, then `KDEPLOY_NEXT_DIST_DIR=.next-bench npm run bench -- --only browser`.",
    ];
  const b = picked.value;
  out.push(provenance(picked.from));
  out.push(
    `Chromium (Playwright, Debian's /usr/bin/chromium, 1440×1000) against the production server (\`bench/scenarios/browser-table-server.ts\`: fresh SQLite, a running step of 1,000 Deployments × 1 ReplicaSet × 8 pods fed through the engine's event bus, LiveTables and Socket.IO), times on the page's clock. First paint: navigation start → the first rows drawn, and the tables' arrival (the REST read, \`GET /api/deployments/:id/objects\`) → drawn. Delta: a ${fmt(b.config.deltaRows)}-row \`table:delta\` frame arriving → the changed rows drawn, ${b.config.deltas} runs.`,
  );
  out.push("", "| figure | value |", "|---|---:|");
  out.push(`| rows in the step | ${fmt(b.rows)} |`);
  if (b.firstPaintRunsMs)
    out.push(
      `| first paint, from navigation: median of ${b.firstPaintRunsMs.length} (each: ${b.firstPaintRunsMs.map(ms).join(", ")}; the first cold, the route's first render and an empty cache) | ${ms(b.firstPaintFromNavigationMs)} |`,
    );
  else out.push(`| first paint, from navigation (one navigation, cold) | ${ms(b.firstPaintFromNavigationMs)} |`);
  out.push(`| first paint, from the tables' arrival | ${ms(b.firstPaintFromArrivalMs)} |`);
  if (b.collapsedFirstPaintFromArrivalMs !== undefined)
    out.push(`| first paint, 20 collapsed ReplicaSets × 499 pods, from arrival | ${ms(b.collapsedFirstPaintFromArrivalMs)} |`);
  out.push(
    `| ${fmt(b.config.deltaRows)}-row delta, arrival → painted: median / p95 (min–max) | ${ms(b.deltaPaintMs.median)} / ${ms(b.deltaPaintMs.p95)} (${ms(b.deltaPaintMs.min)}–${ms(b.deltaPaintMs.max)}) |`,
  );
  out.push(`| row components rendered per delta | ${b.rowRendersPerDelta.join(", ")} |`);
  out.push(`| rows in the DOM | ${fmt(b.rowsInDom)} |`);
  out.push(`| page JS heap after GC | ${fmt(b.heapUsedMb)} MB |`);
  if (b.restTablesKb !== undefined) out.push(`| REST tables: JSON / on the wire | ${fmt(b.restTablesKb)} KB / ${fmt(b.restTablesTransferKb)} KB |`);
  if (b.snapshotFrameKb !== undefined) out.push(`| socket snapshot frame | ${fmt(b.snapshotFrameKb)} KB |`);
  return out;
}

export type TargetRow = { target: string; measured: string; verdict: string; command: string };

/** Issue 12's targets, each with the figure of the newest result that has it and that result's command. */
export function issue12Targets(pick: Pick, current: Source, previous: Source[] = []): TargetRow[] {
  const rows: TargetRow[] = [];
  const command = (from: Source) => `\`${from.results.command}\`${from === current ? "" : ` (${from.results.date.slice(0, 16)}Z)`}`;
  const add = (target: string, measured: string, met: boolean | null, from: Source | undefined) =>
    rows.push({ target, measured, verdict: verdict(met), command: from ? command(from) : "—" });

  const engine = pick("engine");
  const tables = engine?.value.throughput.filter((t) => !t.rollingOut) ?? [];
  const at700 = tables.find((t) => t.trackedRows === 700);
  const at70k = tables.find((t) => t.trackedRows === 70_000);
  add(
    "events per CPU second at 70,000 rows within 1.5× of the figure at 700",
    at700 && at70k
      ? `${fmt(at700.eventsPerCpuSecond)} / ${fmt(at70k.eventsPerCpuSecond)} = ${(at700.eventsPerCpuSecond / Math.max(1, at70k.eventsPerCpuSecond)).toFixed(2)}×`
      : "—",
    at700 && at70k ? at700.eventsPerCpuSecond <= 1.5 * at70k.eventsPerCpuSecond : null,
    engine?.from,
  );
  const rollout = pick("rollout");
  const r = rollout?.value;
  const at = r ? ` at ${fmt(r.trackedRows)} objects` : "";
  // Below 10,000 objects (--quick) a figure says how it compares, not whether the target is met.
  const addRollout = (target: string, measured: string, met: boolean | null) =>
    r && r.trackedRows < 10_000 && met !== null
      ? rows.push({ target, measured, verdict: `${met ? "met" : "missed"} at the smaller size; not measured at 10,000`, command: command(rollout!.from) })
      : add(target, measured, met, rollout?.from);
  addRollout(
    "engine overhead median < 50 ms at 10,000 objects",
    r ? `${ms(r.overhead.perDeploymentMs.median)}${at}` : "—",
    r?.overhead.perDeploymentMs.median != null ? r.overhead.perDeploymentMs.median < 50 : null,
  );
  addRollout(
    "engine overhead p95 < 150 ms at 10,000 objects",
    r ? `${ms(r.overhead.perDeploymentMs.p95)} per Deployment; step ${ms(r.overhead.stepMs)}${at}` : "—",
    r?.overhead.perDeploymentMs.p95 != null ? r.overhead.perDeploymentMs.p95 < 150 : null,
  );
  addRollout(
    "engine CPU under one core on average during the rollout",
    r ? `${fmt(r.cpu.averagePercent)} % (peak ${fmt(r.cpu.peakPercent)} %)${at}` : "—",
    r ? r.cpu.averagePercent < 100 : null,
  );
  addRollout(
    "heap < 2 KB per tracked object (rollout)",
    r
      ? `${fmt(r.heap.bytesPerTrackedObject)} bytes${r.heap.withApplyResultsBytesPerTrackedObject !== undefined ? ` (the tracker and its watches; ${fmt(r.heap.withApplyResultsBytesPerTrackedObject)} with the apply's results the step runner keeps)` : ""}${at}`
      : "—",
    r ? r.heap.bytesPerTrackedObject < 2048 : null,
  );
  if (engine)
    add(
      "heap < 2 KB per tracked object (engine scenario)",
      `${fmt(engine.value.memory.bytesPerTrackedObject)} bytes`,
      engine.value.memory.bytesPerTrackedObject < 2048,
      engine.from,
    );

  const apply = pick("apply");
  const ours1000 = apply?.value.cells.find((c) => c.n === 1000 && c.tool === "ours");
  const kubectl1000 = apply?.value.cells.find((c) => c.n === 1000 && c.tool === "kubectl apply --server-side");
  add(
    "apply of 1,000 objects at least as fast as `kubectl apply --server-side` (ratio in one run)",
    ours1000?.summary.median && kubectl1000?.summary.median
      ? `${ms(Math.round(ours1000.summary.median))} vs ${ms(Math.round(kubectl1000.summary.median))} (${(ours1000.summary.median / kubectl1000.summary.median).toFixed(2)}×)`
      : "—",
    ours1000?.summary.median && kubectl1000?.summary.median ? ours1000.summary.median <= kubectl1000.summary.median : null,
    apply?.from,
  );
  if (r && r.apply.kubectlMs !== null)
    add(
      `apply of ${fmt(r.config.deployments)} Deployments × ${r.config.replicas} replicas (rollout${r.apply.oursRolloutMs !== undefined ? ", both paused" : ""}) at least as fast as \`kubectl apply --server-side\``,
      `${ms(r.apply.oursMs)} vs ${ms(r.apply.kubectlMs)} (${(r.apply.oursMs / r.apply.kubectlMs).toFixed(2)}×)${r.apply.oursRolloutMs !== undefined ? `; ours unpaused, while its pods are created: ${ms(r.apply.oursRolloutMs)}` : ""}`,
      r.apply.oursMs <= r.apply.kubectlMs,
      rollout?.from,
    );

  const atOnce = pick("createdAtOnce");
  const oursAt100 = atOnce?.value.rows.find((x) => x.n === 100 && x.tool === "ours");
  const kubectlAt100 = atOnce?.value.rows
    .filter((x) => x.n === 100 && x.tool !== "ours" && x.fromApplyEndMs.median !== null)
    .sort((a, b) => a.fromApplyEndMs.median! - b.fromApplyEndMs.median!)[0];
  add(
    "created at once: not slower than `kubectl rollout status` at N = 100 (the faster kubectl variant)",
    oursAt100?.fromApplyEndMs.median != null && kubectlAt100
      ? `${ms(oursAt100.fromApplyEndMs.median)} vs ${ms(kubectlAt100.fromApplyEndMs.median)} (${kubectlAt100.tool}), ${(oursAt100.fromApplyEndMs.median / Math.max(1, kubectlAt100.fromApplyEndMs.median!)).toFixed(2)}×; after the last pod Ready ${ms(oursAt100.afterLastPodReadyMs.median)}`
      : "—",
    oursAt100?.fromApplyEndMs.median != null && kubectlAt100 ? oursAt100.fromApplyEndMs.median <= kubectlAt100.fromApplyEndMs.median! : null,
    atOnce?.from,
  );

  const freeze = pick("snapshots");
  for (const [rowsCount, limit] of [
    [1_000, 100],
    [10_000, 1_000],
  ] as const)
    for (const provider of ["sqlite", "postgresql"] as const) {
      const row = freeze?.value.freeze.find((f) => f.rows === rowsCount && f.provider === provider);
      add(
        `freeze of ${fmt(rowsCount)} rows < ${ms(limit)} (${provider})`,
        row?.freezeMs ? `${ms(row.freezeMs.median)} median, ${ms(row.freezeMs.p95)} p95` : (row?.note?.slice(0, 80) ?? "—"),
        row?.freezeMs?.median != null ? row.freezeMs.median < limit : null,
        freeze?.from,
      );
    }

  const browser = pick("browser");
  const b = browser?.value;
  add(
    "browser: first paint of 10,000 rows < 1.5 s",
    b
      ? `${ms(b.firstPaintFromNavigationMs)}${b.firstPaintColdFromNavigationMs !== undefined ? ` (median of ${b.firstPaintRunsMs?.length}; cold: ${ms(b.firstPaintColdFromNavigationMs)})` : ""}`
      : "—",
    b ? b.firstPaintFromNavigationMs < 1500 : null,
    browser?.from,
  );
  add(
    "browser: a 500-row delta painted < 100 ms",
    b ? `${ms(b.deltaPaintMs.median)} median, ${ms(b.deltaPaintMs.p95)} p95` : "—",
    b?.deltaPaintMs.median != null ? b.deltaPaintMs.median < 100 : null,
    browser?.from,
  );

  const audit = pick("auditSearch");
  for (const provider of ["sqlite", "postgresql"] as const) {
    const row = audit?.value.rows.find((x) => x.provider === provider && x.searches.length);
    const slowest = row?.searches.reduce<(typeof row.searches)[number] | null>(
      (max, s) => (!max || (s.p95Ms ?? s.worstMs) > (max.p95Ms ?? max.worstMs) ? s : max),
      null,
    );
    const full = (row?.objectRows ?? 0) >= 1_000_000;
    add(
      `audit: every search kind p95 < 300 ms over 1,000,000 rows (${provider}, no-match searches included)`,
      slowest
        ? `slowest: "${slowest.label}" ${ms(slowest.p95Ms ?? slowest.worstMs)}${slowest.p95Ms === undefined ? " (worst of the runs; no p95 in that result)" : ""} at ${fmt(row!.objectRows)} rows`
        : "—",
      slowest && full ? (slowest.p95Ms ?? slowest.worstMs) < 300 : null,
      audit?.from,
    );
  }
  // The newest complete run: this one, or the newest earlier one when this run measured some scenarios only.
  const whole = [current, ...[...previous].reverse()].find((source) => isCompleteFullRun(source.results));
  add(
    "`npm run bench -- --full` within 45 minutes on the 2-core machine",
    whole ? `${(whole.results.durationSeconds / 60).toFixed(1)} min (load average at start ${load(whole.results)})` : "no complete --full run yet",
    whole ? whole.results.durationSeconds <= 45 * 60 : null,
    whole,
  );
  return rows;
}

/** A `--full` run of every scenario. */
export const isCompleteFullRun = (results: BenchResults) => results.mode === "full" && SCENARIOS.every((s) => results.scenarios.includes(s));

export function targetsSection(rows: TargetRow[]): string[] {
  const out = ["", "## Issue 12's targets", ""];
  out.push(
    "Each figure as measured (missed ones included), from this run or, where this run did not measure it, from the newest result that did (its date is given).",
  );
  out.push("", "| target | measured | verdict | command |", "|---|---|---|---|");
  for (const row of rows) out.push(`| ${row.target} | ${row.measured} | ${row.verdict} | ${row.command} |`);
  return out;
}
