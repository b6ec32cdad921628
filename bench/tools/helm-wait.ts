// `helm upgrade --install --wait` of a generated chart holding the same Deployments. Helm 3 waits
// by polling; Helm 4's `--wait=watcher` uses kstatus watches (measured too when helm4 exists).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import type { V1Deployment } from "@kubernetes/client-node";
import { start, type Finished } from "../lib/child-processes.ts";

export type HelmFlavour = { binary: "helm" | "helm4"; waitArgs: string[]; label: string };

export const HELM3: HelmFlavour = { binary: "helm", waitArgs: ["--wait"], label: "helm --wait" };
export const HELM4_WATCHER: HelmFlavour = { binary: "helm4", waitArgs: ["--wait=watcher"], label: "helm4 --wait=watcher" };

/** Writes a chart whose templates are exactly these Deployments (namespace left to `-n`). */
export function writeChart(manifests: V1Deployment[]): { dir: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), "kdeploy-bench-chart-"));
  const dir = join(root, "bench");
  mkdirSync(join(dir, "templates"), { recursive: true });
  writeFileSync(join(dir, "Chart.yaml"), stringify({ apiVersion: "v2", name: "bench", version: "0.1.0" }));
  const docs = manifests.map((m) => stringify({ ...m, metadata: { name: m.metadata!.name } }));
  writeFileSync(join(dir, "templates", "deployments.yaml"), docs.join("---\n"));
  return { dir, remove: () => rmSync(root, { recursive: true, force: true }) };
}

export async function helmUpgradeInstallWait(
  flavour: HelmFlavour,
  binDir: string,
  kubeconfigPath: string,
  namespace: string,
  chartDir: string,
  timeoutMs: number,
  /** Stops helm (SIGTERM, then SIGKILL): the bench's cap on slow peers. */
  signal?: AbortSignal,
): Promise<Finished> {
  // Helm's own config/cache/data go to a throwaway folder: the bench leaves nothing in $HOME.
  const helmHome = mkdtempSync(join(tmpdir(), "kdeploy-bench-helm-"));
  const env = { ...process.env, HELM_CONFIG_HOME: join(helmHome, "config"), HELM_CACHE_HOME: join(helmHome, "cache"), HELM_DATA_HOME: join(helmHome, "data") };
  try {
    const run = start(
      `${binDir}/${flavour.binary}`,
      [
        "upgrade",
        "--install",
        "bench",
        chartDir,
        "-n",
        namespace,
        "--kubeconfig",
        kubeconfigPath,
        ...flavour.waitArgs,
        `--timeout=${Math.round(timeoutMs / 1000)}s`,
      ],
      { timeoutMs: timeoutMs + 10_000, env },
    );
    signal?.addEventListener("abort", () => void run.stop(), { once: true });
    return await run.finished;
  } finally {
    rmSync(helmHome, { recursive: true, force: true });
  }
}
