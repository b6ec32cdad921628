// Scenario 1: how long after the last pod turned Ready each tool reports the rollout done.
// Every (tool, N, repetition) gets a fresh namespace and a fresh rollout, and tools run one after
// another, so they never compete for the 2 cores or see each other's objects.
import { existsSync } from "node:fs";
import { randomBytes } from "node:crypto";
import type { KubernetesObject } from "@kubernetes/client-node";
import { benchCluster, createDeployments, deleteNamespace, deploymentManifest, emptyNamespaceFast } from "../lib/cluster.ts";
import { watchPodsReady } from "../lib/pod-ready-watch.ts";
import { nowMs, withTimeout } from "../lib/clock.ts";
import { round, summarize, summarizeCapped, type CappedSummary, type Summary } from "../lib/stats.ts";
import { createTracked, trackWithOurEngine } from "../tools/ours.ts";
import { startKubectlRolloutStatus } from "../tools/kubectl-rollout-status.ts";
import { startPollingChecker } from "../tools/polling-checker.ts";
import { HELM3, HELM4_WATCHER, helmUpgradeInstallWait, writeChart, type HelmFlavour } from "../tools/helm-wait.ts";
import type { Log } from "../lib/log.ts";

export const DETECTION_TOOLS = ["ours", "kubectl rollout status", "helm --wait", "helm4 --wait=watcher", "polling checker (2 s)"] as const;
export type DetectionTool = (typeof DETECTION_TOOLS)[number];

/** Peers stopped when they have not answered `peerCapMs` after the last pod was Ready; ours and kubectl never are. */
export const CAPPED_TOOLS: readonly DetectionTool[] = ["helm --wait", "helm4 --wait=watcher", "polling checker (2 s)"];

/** `repetitions`: one number for every size (results before issue 12), or per size. */
export type DetectionConfig = { sizes: number[]; repetitions: number | Record<number, number>; replicas: number; peerCapMs?: number };

export const repetitionsAt = (config: Pick<DetectionConfig, "repetitions">, n: number) =>
  typeof config.repetitions === "number" ? config.repetitions : (config.repetitions[n] ?? 1);

export type DetectionSample = {
  tool: DetectionTool;
  n: number;
  repetition: number;
  latencyMs: number | null;
  /** Stopped at the cap: `latencyMs` is the cap, a lower bound. */
  capped?: boolean;
  error?: string;
  lastPodReadyAt: number;
  doneAt: number | null;
};
export type DetectionRow = {
  tool: DetectionTool;
  n: number;
  /** The runs that finished (capped ones excluded). */
  latencyMs: Summary;
  /** Every run, capped ones ranked above the rest (absent in results before issue 12). */
  withCaps?: CappedSummary;
  /** Median ratio to ours; with a capped median, a lower bound. */
  ratioToOurs: number | null;
  failures: number;
  /** Repetitions skipped because an earlier one of the cell hit the cap. */
  skipped?: number;
};
export type DetectionResult = { config: DetectionConfig & { readyAfter: Record<number, string> }; rows: DetectionRow[]; samples: DetectionSample[] };

/**
 * The simulated readiness delay: long enough that every tool has started watching before the
 * pods turn Ready (starting 200 kubectl processes takes many seconds on 2 cores), else a tool's
 * start-up time would be counted as detection latency.
 */
export const readyAfterFor = (n: number) => `${Math.max(3, Math.ceil(n / 10))}s`;

const ROLLOUT_TIMEOUT_MS = 10 * 60_000;

async function runOnce(
  tool: DetectionTool,
  n: number,
  replicas: number,
  capMs: number | null,
  log: Log,
): Promise<{ doneAt: number; lastPodReadyAt: number; capped: boolean }> {
  const cluster = await benchCluster();
  const namespace = await cluster.createNamespace(`bench-detect-${tool.split(" ")[0]}`);
  const runId = randomBytes(4).toString("hex");
  const manifests = Array.from({ length: n }, (_, i) => deploymentManifest(`app-${i}`, namespace, runId, replicas, { readyAfter: readyAfterFor(n) }));
  const names = manifests.map((m) => m.metadata!.name!);
  const podWatch = await watchPodsReady(cluster.kubeConfig, namespace, runId, n * replicas);
  // The cap: `capMs` after the harness saw the last pod Ready, the peer is stopped.
  const cap = new AbortController();
  let capTimer: NodeJS.Timeout | undefined;
  if (capMs !== null)
    podWatch.allReady.then(
      (ready) => (capTimer = setTimeout(() => cap.abort(), Math.max(0, ready.at + capMs - nowMs()))),
      () => undefined,
    );
  try {
    const doneAt = await withTimeout(runTool(tool, namespace, names, manifests, cap.signal), ROLLOUT_TIMEOUT_MS, `${tool} N=${n}`);
    const lastReady = await withTimeout(podWatch.allReady, 30_000, "independent pod watch");
    if (cap.signal.aborted) return { doneAt: lastReady.at + capMs!, lastPodReadyAt: lastReady.at, capped: true };
    return { doneAt, lastPodReadyAt: lastReady.at, capped: false };
  } finally {
    clearTimeout(capTimer);
    podWatch.stop();
    // From 20 Deployments on, the pods are deleted first and awaited: deleting 400 pods is real
    // work for the cluster, and it must not overlap the next tool's rollout. The namespace's own
    // finalization (its events and the like, 15–20 s) is not awaited, nor is a namespace of two pods.
    if (n >= 20) await emptyNamespaceFast(namespace);
    await deleteNamespace(namespace, false);
    log.debug(`  ${tool} N=${n}: namespace ${namespace} deleted`);
  }

  /** Epoch ms when the tool reported done; once `signal` aborts, the tool is stopped and what it returns is not used. */
  async function runTool(
    tool: DetectionTool,
    namespace: string,
    names: string[],
    manifests: ReturnType<typeof deploymentManifest>[],
    signal: AbortSignal,
  ): Promise<number> {
    switch (tool) {
      case "ours": {
        const tracked = await createTracked(cluster.kubeConfig, manifests as KubernetesObject[]);
        const run = trackWithOurEngine(cluster.kubeConfig, tracked, ROLLOUT_TIMEOUT_MS / 1000);
        try {
          return await run.desiredStateReached;
        } finally {
          await run.stop();
        }
      }
      case "kubectl rollout status": {
        await createDeployments(manifests);
        const run = startKubectlRolloutStatus(cluster.binDir, cluster.kubeconfigPath, namespace, names, ROLLOUT_TIMEOUT_MS);
        const results = await Promise.all(run.processes.map((p) => p.finished));
        const failed = results.find((r) => r.code !== 0);
        if (failed) throw new Error(`kubectl rollout status exited ${failed.code ?? failed.signal}: ${failed.stderr.slice(-300)}`);
        return Math.max(...results.map((r) => r.exitedAt));
      }
      case "helm --wait":
      case "helm4 --wait=watcher": {
        const flavour: HelmFlavour = tool === "helm --wait" ? HELM3 : HELM4_WATCHER;
        const chart = writeChart(manifests);
        try {
          const result = await helmUpgradeInstallWait(flavour, cluster.binDir, cluster.kubeconfigPath, namespace, chart.dir, ROLLOUT_TIMEOUT_MS, signal);
          if (signal.aborted) return nowMs();
          if (result.code !== 0) throw new Error(`${flavour.binary} exited ${result.code ?? result.signal}: ${result.stderr.slice(-300)}`);
          return result.exitedAt;
        } finally {
          chart.remove();
        }
      }
      case "polling checker (2 s)": {
        await createDeployments(manifests);
        const run = startPollingChecker(cluster.apps, namespace, names, ROLLOUT_TIMEOUT_MS);
        signal.addEventListener("abort", () => run.stop(), { once: true });
        const at = await run.done;
        if (signal.aborted) return nowMs();
        if (at === null) throw new Error("polling checker gave up");
        return at;
      }
    }
  }
}

export async function runDetectionLatency(config: DetectionConfig, log: Log): Promise<DetectionResult> {
  const cluster = await benchCluster();
  const tools = DETECTION_TOOLS.filter((tool) => tool !== "helm4 --wait=watcher" || existsSync(`${cluster.binDir}/helm4`));
  const samples: DetectionSample[] = [];
  const skipped = new Map<string, number>();
  for (const n of config.sizes) {
    for (let repetition = 1; repetition <= repetitionsAt(config, n); repetition++) {
      for (const tool of tools) {
        const startedAt = nowMs();
        const capMs = config.peerCapMs !== undefined && CAPPED_TOOLS.includes(tool) ? config.peerCapMs : null;
        // A cell whose run hit the cap would hit it again: its later repetitions are skipped.
        if (samples.some((s) => s.tool === tool && s.n === n && s.capped)) {
          skipped.set(`${tool}@${n}`, (skipped.get(`${tool}@${n}`) ?? 0) + 1);
          log.info(`  detection N=${n} rep ${repetition} ${tool}: skipped (an earlier repetition hit the ${capMs! / 1000} s cap)`);
          continue;
        }
        try {
          const { doneAt, lastPodReadyAt, capped } = await runOnce(tool, n, config.replicas, capMs, log);
          samples.push({ tool, n, repetition, latencyMs: round(doneAt - lastPodReadyAt), lastPodReadyAt, doneAt, ...(capped ? { capped } : {}) });
          log.info(
            `  detection N=${n} rep ${repetition} ${tool}: ${capped ? "> " : ""}${round(doneAt - lastPodReadyAt)} ms after the last pod was Ready${capped ? " (stopped at the cap)" : ""} (run took ${round((nowMs() - startedAt) / 1000)} s)`,
          );
        } catch (error) {
          samples.push({ tool, n, repetition, latencyMs: null, error: (error as Error).message, lastPodReadyAt: 0, doneAt: null });
          log.info(`  detection N=${n} rep ${repetition} ${tool}: FAILED ${(error as Error).message}`);
        }
      }
    }
  }
  const rows: DetectionRow[] = [];
  for (const n of config.sizes) {
    const oursMedian = summarize(samples.filter((s) => s.tool === "ours" && s.n === n && s.latencyMs !== null).map((s) => s.latencyMs!)).median;
    for (const tool of tools) {
      const mine = samples.filter((s) => s.tool === tool && s.n === n);
      const latencyMs = summarize(mine.filter((s) => s.latencyMs !== null && !s.capped).map((s) => s.latencyMs!));
      const withCaps = summarizeCapped(mine.filter((s) => s.latencyMs !== null).map((s) => ({ ms: s.latencyMs!, capped: s.capped === true })));
      // Ratio of medians (a lower bound when the median is capped); ours can be ~0 ms, so the denominator is floored at 1 ms.
      const ratioToOurs = withCaps.median !== null && oursMedian !== null ? round(withCaps.median.ms / Math.max(1, oursMedian), 1) : null;
      rows.push({
        tool,
        n,
        latencyMs,
        withCaps,
        ratioToOurs,
        failures: mine.filter((s) => s.latencyMs === null).length,
        skipped: skipped.get(`${tool}@${n}`) ?? 0,
      });
    }
  }
  return { config: { ...config, readyAfter: Object.fromEntries(config.sizes.map((n) => [n, readyAfterFor(n)])) }, rows, samples };
}
