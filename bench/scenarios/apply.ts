// Scenario "apply" (issue 12): server-side apply of N Deployments into a fresh namespace, ours
// (`applyObjects`, APPLY_CONCURRENCY in flight; and one at a time, as before issue 12) against
// `kubectl apply --server-side -f` of the same manifests. Deployments have 0 replicas so the
// measurement is the apply, not the pods the controllers would create on the same 2 cores.
// Wall time from the call (process start for kubectl) to every object applied; tools alternate,
// each in its own namespace, deleted afterwards.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { applyObjects, APPLY_CONCURRENCY } from "../../server/deploy/apply/index.ts";
import type { KubeObject } from "../../server/deploy/render/form-objects.ts";
import { benchCluster, deleteNamespace } from "../lib/cluster.ts";
import { start } from "../lib/child-processes.ts";
import { nowMs } from "../lib/clock.ts";
import type { Log } from "../lib/log.ts";
import { summarize, type Summary } from "../lib/stats.ts";

export type ApplyTool = "ours" | "ours, one at a time" | "kubectl apply --server-side";
export type ApplyResult = {
  config: { sizes: number[]; repetitions: number; concurrency: number };
  cells: { n: number; tool: ApplyTool; ms: number[]; summary: Summary }[];
};

const manifests = (n: number, namespace: string): KubeObject[] =>
  Array.from({ length: n }, (_, i) => ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: `app-${i}`, namespace },
    spec: {
      replicas: 0,
      selector: { matchLabels: { app: `app-${i}` } },
      template: { metadata: { labels: { app: `app-${i}` } }, spec: { containers: [{ name: "app", image: "registry.invalid/bench:1" }] } },
    },
  }));

export async function runApply(config: { sizes: number[]; repetitions: number; slowRepetitions?: number }, log: Log): Promise<ApplyResult> {
  const cluster = await benchCluster();
  const dir = mkdtempSync(join(tmpdir(), "kdeploy-bench-apply-"));
  const tools: ApplyTool[] = ["ours", "kubectl apply --server-side", "ours, one at a time"];
  const cells: ApplyResult["cells"] = [];
  try {
    for (const n of config.sizes)
      for (const tool of tools) {
        const ms: number[] = [];
        // "One at a time" is the slow reference (12 s at 1,000): fewer repetitions keep --full in budget.
        const repetitions = tool === "ours, one at a time" ? (config.slowRepetitions ?? config.repetitions) : config.repetitions;
        for (let repetition = 0; repetition < repetitions; repetition++) {
          const namespace = await cluster.createNamespace(`bench-apply-${n}`);
          const objects = manifests(n, namespace);
          const startedAt = nowMs();
          if (tool === "kubectl apply --server-side") {
            const file = join(dir, `${namespace}.yaml`);
            writeFileSync(file, objects.map((object) => stringify(object)).join("---\n"));
            const run = start(`${cluster.binDir}/kubectl`, ["apply", "--server-side", "--kubeconfig", cluster.kubeconfigPath, "-f", file], {
              timeoutMs: 20 * 60_000,
            });
            const finished = await run.finished;
            if (finished.code !== 0) throw new Error(`kubectl apply exited ${finished.code}: ${finished.stderr.slice(-500)}`);
            ms.push(finished.exitedAt - startedAt);
          } else {
            const applied = await applyObjects(cluster.kubeConfig, objects, {
              defaultNamespace: namespace,
              concurrency: tool === "ours" ? APPLY_CONCURRENCY : 1,
            });
            if (applied.length !== n) throw new Error(`applied ${applied.length} of ${n}`);
            ms.push(nowMs() - startedAt);
          }
          log.info(`  apply: N=${n} ${tool}: ${Math.round(ms.at(-1)!)} ms`);
          await deleteNamespace(namespace, true);
        }
        cells.push({ n, tool, ms, summary: summarize(ms) });
      }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { config: { ...config, concurrency: APPLY_CONCURRENCY }, cells };
}
