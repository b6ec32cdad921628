// Command line of `npm run bench`: --quick | --full, --only <scenario>[,<scenario>], --verbose.
// Sizes and time budgets per scenario live here (configFor, budgetFor), so the run can print its
// plan before it starts and the report can say which cells were capped.
export const SCENARIOS = ["detection", "api-cost", "fanout", "engine", "freeze", "audit", "apply", "rollout", "created-at-once", "browser"] as const;
export type Scenario = (typeof SCENARIOS)[number];
export type Mode = "quick" | "full";

/** Older names still accepted on the command line: "snapshots" was freeze + audit in one. */
const ALIASES: Record<string, Scenario[]> = { snapshots: ["freeze", "audit"] };

export type BenchArgs = { mode: Mode; only: Scenario[]; verbose: boolean; noDocs: boolean; reportOnly: boolean; repetitions?: number };

export const USAGE = `usage: npm run bench -- [--quick | --full] [--only <scenario>[,…]] [--verbose] [--no-docs]
  scenarios: ${SCENARIOS.join(", ")} (snapshots = freeze,audit)
  --quick    smoke run: small sizes, one repetition (a few minutes; the default)
  --full     the sizes of issues 6 and 12, within about 45 minutes on 2 cores: peers that take
             longer than the cap (helm --wait, helm4 --wait=watcher, the polling checker) are
             stopped and reported as "> cap"; ours and kubectl are never capped
  --only     run only these scenarios (results still written, docs show what ran)
  --no-docs  write the JSON result but leave docs/benchmarks.md and the plot alone
  --report-only  run nothing: regenerate docs/benchmarks.md and the plot from the newest result file
  --repetitions N  repetitions per detection cell (default: 3 full at N ≤ 20 and 2 at N=200, 1 quick)
  browser needs a production build: KDEPLOY_NEXT_DIST_DIR=<dir> npx next build (same variable for the bench)`;

export function parseArgs(argv: string[]): BenchArgs {
  let mode: Mode = "quick";
  let only: Scenario[] = [...SCENARIOS];
  let verbose = false;
  let noDocs = false;
  let reportOnly = false;
  let repetitions: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--quick") mode = "quick";
    else if (arg === "--full") mode = "full";
    else if (arg === "--verbose") verbose = true;
    else if (arg === "--no-docs") noDocs = true;
    else if (arg === "--report-only") reportOnly = true;
    else if (arg === "--repetitions") {
      repetitions = Number(argv[++i]);
      if (!Number.isInteger(repetitions) || repetitions < 1) throw new Error(`--repetitions needs a whole number ≥ 1\n${USAGE}`);
    } else if (arg === "--only" || arg.startsWith("--only=")) {
      const value = arg.includes("=") ? arg.slice("--only=".length) : argv[++i];
      const names = (value ?? "").split(",").filter(Boolean);
      const unknown = names.filter((name) => !(SCENARIOS as readonly string[]).includes(name) && !ALIASES[name]);
      if (names.length === 0 || unknown.length) throw new Error(`unknown scenario ${unknown.join(", ") || "(none)"}\n${USAGE}`);
      const expanded = names.flatMap((name) => ALIASES[name] ?? [name as Scenario]);
      // In the canonical order, each once: the plan and the report read the same whatever was typed.
      only = SCENARIOS.filter((scenario) => expanded.includes(scenario));
    } else if (arg === "--help" || arg === "-h") {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}\n${USAGE}`);
  }
  return { mode, only, verbose, noDocs, reportOnly, repetitions };
}

/** Peers slower than this (after the last pod was Ready) are stopped and reported as "> cap". */
export const PEER_CAP_MS = 60_000;

/** Sizes per mode, as issues 6 and 12 ask (quick keeps the shared 2-core machine usable). */
export function configFor(mode: Mode, repetitions?: number) {
  const full = mode === "full";
  return {
    detection: {
      sizes: full ? [1, 20, 200] : [1, 5],
      // Per size: N=200 costs about 4 minutes per repetition with every tool; a run at N ≤ 20
      // 10–20 s per tool on the loaded machine, so 3 repetitions keep detection near 12 minutes.
      repetitions: (full ? { 1: repetitions ?? 3, 20: repetitions ?? 3, 200: repetitions ?? 2 } : { 1: repetitions ?? 1, 5: repetitions ?? 1 }) as Record<
        number,
        number
      >,
      replicas: 2,
      // BENCH_PEER_CAP_MS: a smaller cap to try the capping on a quick run.
      peerCapMs: Number(process.env.BENCH_PEER_CAP_MS ?? PEER_CAP_MS),
    },
    // 20 s windows (5 s warm-up, 15 s steady): enough for 7 rounds of the 2-second poller.
    apiCost: { sizes: full ? [1, 50, 500] : [1, 50], windowSeconds: 20 },
    fanout: { clients: [1, 10, 100], eventsPerSecond: full ? 200 : 100, durationSeconds: full ? 20 : 5, rowsPerBatch: 5 },
    engine: { events: full ? 100_000 : 10_000, trackedObjects: 5_000 },
    // Issue 12: apply of 100 and 1,000 Deployments against kubectl apply --server-side; the slow
    // reference (one at a time, 12 s at 1,000) once.
    apply: { sizes: full ? [100, 1_000] : [100], repetitions: full ? 2 : 1, slowRepetitions: 1 },
    // Issue 12: the freeze alone (no audit seeding) at 1,000 and 10,000 rows.
    // 7 repetitions: a median that one cold start or one major GC of earlier scenarios cannot move.
    freeze: { rowCounts: full ? [1_000, 10_000] : [1_000], repetitions: full ? 7 : 1 },
    // Quick seeds a tenth of the 1,000,000 rows: seeding the full history takes minutes.
    auditSearch: { objectRows: full ? 1_000_000 : 100_000, runs: full ? 20 : 5 },
    // Issue 12: 10,000 tracked objects in one step (1,000 Deployments × 8 pods + their ReplicaSets).
    rollout: { deployments: full ? 1_000 : 100, replicas: 8 },
    // Issue 12: Deployments whose pods are Ready at once, ours against kubectl rollout status.
    // One pod each (kwok makes about 15 pods Ready per second on the loaded machine); repetitions
    // per size: 1,000 Deployments take a minute or two per tool.
    createdAtOnce: {
      sizes: full ? [100, 1_000] : [20, 100],
      replicas: 1,
      repetitions: (full ? { 100: 2, 1_000: 1 } : { 20: 1, 100: 1 }) as Record<number, number>,
    },
    browser: { deltas: full ? 10 : 5, deltaRows: 500 },
  };
}
export type BenchConfig = ReturnType<typeof configFor>;

/**
 * The time each scenario is expected to take (seconds, measured on the 2-core machine at moderate
 * load), printed at the start and compared with the elapsed time in the report. Not enforced:
 * the caps above are what keeps a run bounded.
 */
export function budgetFor(mode: Mode): Record<Scenario, number> {
  const full = mode === "full";
  return {
    detection: full ? 720 : 120,
    // One set of Deployments per size for the three tools (since 2026-12-01: one per tool).
    "api-cost": full ? 300 : 200,
    fanout: full ? 75 : 30,
    engine: full ? 150 : 30,
    freeze: full ? 60 : 40,
    audit: full ? 270 : 60,
    apply: full ? 180 : 40,
    // 8,000 pods: the rollout about 150–220 s, the side-by-side paused applies and the cleanup
    // (8,000 pod DELETEs over keep-alive connections) about 250 s more (423 s at load 4–7).
    rollout: full ? 480 : 120,
    "created-at-once": full ? 240 : 200,
    browser: full ? 120 : 90,
  };
}
