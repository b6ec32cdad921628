// Issue 12's "created at once": N Deployments (2 replicas) whose pods kwok makes Ready at once,
// applied with applyObjects as a step does; then the tool starts and we time how long after the
// apply's end it reports done, and how long after the last pod turned Ready (the harness's own
// pod watch, bench/lib/pod-ready-watch.ts) — the gap issue 12 saw at 1.2–2.2 s. Tools, each in its
// own fresh namespace, one after another:
// - ours: the StepTracker on a WatchHub (bench/tools/ours.ts) started on the applied objects, done
//   at "Desired state reached";
// - `kubectl rollout status deployment/<name>`, one process per Deployment, all at once, as the
//   detection scenario runs it (only up to 200 Deployments: 1,000 kubectl processes would not fit
//   in memory), done when the last one exits;
// - `kubectl rollout status deployment -l <group>`: one process for all, which checks them one
//   after another, done when it exits.
import { randomBytes } from "node:crypto";
import { applyObjects } from "../../server/deploy/apply/index.ts";
import { trackedTopLevel } from "../../server/deploy/apply/tracked-top-level.ts";
import { benchCluster, deleteNamespace, emptyNamespaceFast, ensureBenchNodes, removeBenchNodes } from "../lib/cluster.ts";
import { start } from "../lib/child-processes.ts";
import { nowMs, withTimeout } from "../lib/clock.ts";
import { watchPodsReady } from "../lib/pod-ready-watch.ts";
import { round, summarize, type Summary } from "../lib/stats.ts";
import type { Log } from "../lib/log.ts";
import { trackWithOurEngine } from "../tools/ours.ts";
import { startKubectlRolloutStatus } from "../tools/kubectl-rollout-status.ts";
import { GROUP_LABEL, readyDeployments } from "./rollout-manifests.ts";

export const CREATED_AT_ONCE_TOOLS = ["ours", "kubectl rollout status (one process per Deployment)", "kubectl rollout status -l (one process)"] as const;
export type CreatedAtOnceTool = (typeof CREATED_AT_ONCE_TOOLS)[number];
export type CreatedAtOnceConfig = { sizes: number[]; replicas: number; repetitions: Record<number, number> };
export type CreatedAtOnceSample = { tool: CreatedAtOnceTool; n: number; applyMs: number; fromApplyEndMs: number; afterLastPodReadyMs: number };
export type CreatedAtOnceRow = { tool: CreatedAtOnceTool; n: number; fromApplyEndMs: Summary; afterLastPodReadyMs: Summary; failures: number };
export type CreatedAtOnceResult = { config: CreatedAtOnceConfig; rows: CreatedAtOnceRow[]; samples: CreatedAtOnceSample[]; errors: string[] };

/** One kubectl process per Deployment only this far (each holds tens of MB). */
const MAX_KUBECTL_PROCESSES = 200;
const TIMEOUT_MS = 10 * 60_000;

export const toolsAt = (n: number): CreatedAtOnceTool[] =>
  CREATED_AT_ONCE_TOOLS.filter((tool) => tool !== "kubectl rollout status (one process per Deployment)" || n <= MAX_KUBECTL_PROCESSES);

async function runOnce(tool: CreatedAtOnceTool, n: number, replicas: number): Promise<CreatedAtOnceSample> {
  const cluster = await benchCluster();
  const namespace = await cluster.createNamespace(`bench-at-once-${tool === "ours" ? "ours" : "kubectl"}`);
  const group = randomBytes(4).toString("hex");
  const objects = readyDeployments(n, replicas, namespace, group);
  const podWatch = await watchPodsReady(cluster.kubeConfig, namespace, group, n * replicas);
  try {
    const applyStart = nowMs();
    const applied = await applyObjects(cluster.kubeConfig, objects, { defaultNamespace: namespace });
    const applyEnd = nowMs();
    let doneAt: number;
    if (tool === "ours") {
      const topLevel = trackedTopLevel(applied);
      const run = trackWithOurEngine(cluster.kubeConfig, topLevel, TIMEOUT_MS / 1000);
      try {
        doneAt = await withTimeout(run.desiredStateReached, TIMEOUT_MS, `ours N=${n}`);
      } finally {
        await run.stop();
      }
    } else if (tool === "kubectl rollout status (one process per Deployment)") {
      const names = applied.map((object) => object.name);
      const run = startKubectlRolloutStatus(cluster.binDir, cluster.kubeconfigPath, namespace, names, TIMEOUT_MS);
      const results = await Promise.all(run.processes.map((p) => p.finished));
      const failed = results.find((r) => r.code !== 0);
      if (failed) throw new Error(`kubectl rollout status exited ${failed.code ?? failed.signal}: ${failed.stderr.slice(-300)}`);
      doneAt = Math.max(...results.map((r) => r.exitedAt));
    } else {
      const args = ["rollout", "status", "deployment", "-l", `${GROUP_LABEL}=${group}`, "-n", namespace, "--kubeconfig", cluster.kubeconfigPath];
      const result = await start(`${cluster.binDir}/kubectl`, [...args, `--timeout=${TIMEOUT_MS / 1000}s`], { timeoutMs: TIMEOUT_MS + 10_000 }).finished;
      if (result.code !== 0) throw new Error(`kubectl rollout status -l exited ${result.code ?? result.signal}: ${result.stderr.slice(-300)}`);
      doneAt = result.exitedAt;
    }
    const lastReady = await withTimeout(podWatch.allReady, 60_000, "independent pod watch");
    return { tool, n, applyMs: round(applyEnd - applyStart)!, fromApplyEndMs: round(doneAt - applyEnd)!, afterLastPodReadyMs: round(doneAt - lastReady.at)! };
  } finally {
    podWatch.stop();
    await emptyNamespaceFast(namespace);
    await deleteNamespace(namespace, true, 5 * 60_000);
  }
}

export async function runCreatedAtOnce(config: CreatedAtOnceConfig, log: Log): Promise<CreatedAtOnceResult> {
  await ensureBenchNodes(Math.max(...config.sizes) * config.replicas);
  const samples: CreatedAtOnceSample[] = [];
  const errors: string[] = [];
  const failures = new Map<string, number>();
  try {
    for (const n of config.sizes)
      for (let repetition = 1; repetition <= (config.repetitions[n] ?? 1); repetition++)
        for (const tool of toolsAt(n)) {
          try {
            const sample = await runOnce(tool, n, config.replicas);
            samples.push(sample);
            log.info(
              `  created at once N=${n} rep ${repetition} ${tool}: done ${sample.fromApplyEndMs} ms after the apply's end (apply ${sample.applyMs} ms), ${sample.afterLastPodReadyMs} ms after the last pod was Ready`,
            );
          } catch (error) {
            failures.set(`${tool}@${n}`, (failures.get(`${tool}@${n}`) ?? 0) + 1);
            errors.push(`${tool} N=${n}: ${(error as Error).message.slice(0, 300)}`);
            log.info(`  created at once N=${n} rep ${repetition} ${tool}: FAILED ${(error as Error).message}`);
          }
        }
  } finally {
    await removeBenchNodes();
  }
  const rows: CreatedAtOnceRow[] = config.sizes.flatMap((n) =>
    toolsAt(n).map((tool) => {
      const mine = samples.filter((s) => s.tool === tool && s.n === n);
      return {
        tool,
        n,
        fromApplyEndMs: summarize(mine.map((s) => s.fromApplyEndMs)),
        afterLastPodReadyMs: summarize(mine.map((s) => s.afterLastPodReadyMs)),
        failures: failures.get(`${tool}@${n}`) ?? 0,
      };
    }),
  );
  return { config, rows, samples, errors };
}
