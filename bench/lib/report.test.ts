// The report renders what was measured, the misses and the capped peers included.
import { test } from "node:test";
import assert from "node:assert/strict";
import { renderBenchmarksMarkdown, detectionLine } from "../report/markdown.ts";
import type { BenchResults } from "../report/results-file.ts";
import { summarize, summarizeCapped } from "./stats.ts";

const machine = {
  cores: 2,
  cpuModel: "test CPU",
  memoryGiB: 8,
  os: "linux",
  node: "v20",
  kubeApiserver: null,
  kubectl: null,
  helm: null,
  loadAverageAtStart: [1, 2, 3],
} as unknown as BenchResults["machine"];

const base = (overrides: Partial<BenchResults>): BenchResults => ({
  date: "2026-12-01T16:00:00.000Z",
  mode: "full",
  command: "npm run bench -- --full",
  scenarios: [],
  durationSeconds: 60,
  machine,
  errors: {},
  ...overrides,
});

test("a capped peer reads '> cap', with its capped and skipped runs", () => {
  const line = detectionLine({
    tool: "helm4 --wait=watcher",
    n: 200,
    latencyMs: summarize([]),
    withCaps: summarizeCapped([{ ms: 60_000, capped: true }]),
    ratioToOurs: 600,
    failures: 0,
    skipped: 1,
  });
  assert.equal(line, "| 200 | helm4 --wait=watcher | > 60.0 s | > 60.0 s | 1 (1 capped) (+1 skipped) | > 600 |");
});

test("issue 12's targets: a missed figure says missed, with the command that measured it", () => {
  const results = base({
    scenarios: ["rollout", "freeze"],
    snapshots: {
      config: { rowCounts: [1_000], repetitions: 1 },
      freeze: [{ provider: "sqlite", rows: 1_000, transitions: 2_000, freezeMs: summarize([250]) }],
    },
    rollout: {
      config: { deployments: 1_000, replicas: 8, benchNodes: 4 },
      trackedRows: 10_000,
      apply: { oursMs: 3_000, kubectlMs: 8_000 },
      rolloutSeconds: 90,
      overhead: { perDeploymentMs: summarize([10, 20, 400]), stepMs: 30, missingInOurs: 0, missingInHarness: 0 },
      cpu: { averagePercent: 40, peakPercent: 120, cpuSeconds: 36, wallSeconds: 90, samples: 180 },
      heap: { baselineBytes: 1, atDesiredStateAfterGcBytes: 1, bytesPerTrackedObject: 3_000, peakSampledBytesPerTrackedObject: 5_000 },
      requests: { list: 3, watch: 3, get: 0 },
      cleanupSeconds: 20,
    },
    timing: { rollout: { budgetSeconds: 480, elapsedSeconds: 300, loadAverage: [4.5, 6] } },
  });
  const markdown = renderBenchmarksMarkdown({ results, file: "/repo/bench/results/x-full.json" }, [], "/repo/docs", null);
  const line = (start: string) => markdown.split("\n").find((l) => l.startsWith(start)) ?? "";
  assert.match(line("| engine overhead median < 50 ms"), /\| 20 ms at 10,000 objects \| \*\*met\*\* \| `npm run bench -- --full` \|/);
  assert.match(line("| engine overhead p95 < 150 ms"), /400 ms per Deployment.*\*\*missed\*\*/);
  assert.match(line("| heap < 2 KB per tracked object (rollout)"), /3,000 bytes.*\*\*missed\*\*/);
  assert.match(line("| freeze of 1,000 rows < 100 ms (sqlite)"), /250 ms median.*\*\*missed\*\*/);
  // Not measured anywhere: said so, never a verdict.
  assert.match(line("| browser: first paint"), /\| — \| not measured \| — \|/);
  assert.match(line("| rollout |"), /\| 8\.0 min \| 5\.0 min \| 4\.5 → 6 \|/);
  assert.match(markdown, /## 9\. Browser: the live tab at 10,000 rows\n\nNot measured yet/);
});

test("a rollout at the quick size is compared, not judged", () => {
  const results = base({
    mode: "quick",
    rollout: {
      config: { deployments: 100, replicas: 8, benchNodes: 1 },
      trackedRows: 1_000,
      apply: { oursMs: 300, kubectlMs: null, kubectlError: "kubectl apply exited 1" },
      rolloutSeconds: 9,
      overhead: { perDeploymentMs: summarize([5]), stepMs: 5, missingInOurs: 0, missingInHarness: 0 },
      cpu: { averagePercent: 10, peakPercent: 20, cpuSeconds: 1, wallSeconds: 9, samples: 18 },
      heap: { baselineBytes: 1, atDesiredStateAfterGcBytes: 1, bytesPerTrackedObject: 1_000, peakSampledBytesPerTrackedObject: 2_000 },
      requests: { list: 3, watch: 3, get: 0 },
      cleanupSeconds: 2,
    },
  });
  const markdown = renderBenchmarksMarkdown({ results, file: "/repo/bench/results/y-quick.json" }, [], "/repo/docs", null);
  assert.match(markdown, /\| engine overhead median < 50 ms at 10,000 objects \| 5 ms at 1,000 objects \| met at the smaller size; not measured at 10,000 \|/);
  assert.match(markdown, /\| apply, `kubectl apply --server-side` \(paused\) \| kubectl apply exited 1 \|/);
});
