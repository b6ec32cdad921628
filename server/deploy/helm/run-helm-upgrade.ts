// `helm upgrade --install` for a rendered HelmPlan. Helm's exit status decides the step; its
// output is streamed line by line to the task log. Decisions:
// - `--create-namespace`: a Helm step may target a namespace that does not exist yet, as with apply.
// - Waiting: Helm 3 `--wait`; Helm 4 `--wait=watcher` (kstatus-based, the Helm 4 default strategy
//   when waiting). `--wait-for-jobs` is only passed with waiting (Helm ignores it otherwise).
// - The target comes only from `--kubeconfig`: HELM_KUBE* variables of the server's environment
//   (context, token, API server) are removed so they can never redirect a release elsewhere.
import { chartArguments, describeChart, type HelmPlan } from "./helm-plan.ts";
import { detectHelm, type HelmVersion } from "./detect-helm.ts";
import { runStreaming } from "./run-streaming.ts";

export type HelmUpgradeOptions = {
  kubeconfigPath: string;
  helmPath: string;
  wait: boolean;
  waitForJobs: boolean;
  timeoutSeconds: number;
  onLog: (line: string) => void;
  signal?: AbortSignal;
  /** Used when the plan names no namespace (the target's default); "default" when absent too. */
  defaultNamespace?: string;
};

export type HelmUpgradeResult = { ok: boolean; exitCode: number; output: string };

const detected = new Map<string, Promise<HelmVersion>>();

/** Detected once per binary path and process (a server upgrade restarts the process). */
export function cachedHelmVersion(helmPath: string): Promise<HelmVersion> {
  let version = detected.get(helmPath);
  if (!version) {
    version = detectHelm(helmPath);
    version.catch(() => detected.delete(helmPath));
    detected.set(helmPath, version);
  }
  return version;
}

export function helmUpgradeArguments(
  plan: HelmPlan,
  options: Pick<HelmUpgradeOptions, "kubeconfigPath" | "wait" | "waitForJobs" | "timeoutSeconds" | "defaultNamespace">,
  helm: HelmVersion,
): string[] {
  const namespace = releaseNamespace(plan, options.defaultNamespace);
  const waitArguments = options.wait ? [helm.major === 4 ? "--wait=watcher" : "--wait", ...(options.waitForJobs ? ["--wait-for-jobs"] : [])] : [];
  return [
    "upgrade",
    "--install",
    plan.releaseName,
    ...chartArguments(plan.chart),
    "--namespace",
    namespace,
    "--create-namespace",
    "--values",
    plan.valuesFile,
    "--timeout",
    `${Math.max(1, Math.round(options.timeoutSeconds))}s`,
    ...waitArguments,
    "--kubeconfig",
    options.kubeconfigPath,
  ];
}

export const releaseNamespace = (plan: Pick<HelmPlan, "namespace">, defaultNamespace?: string) => plan.namespace ?? defaultNamespace ?? "default";

export async function runHelmUpgrade(plan: HelmPlan, options: HelmUpgradeOptions): Promise<HelmUpgradeResult> {
  let helm: HelmVersion;
  try {
    helm = await cachedHelmVersion(options.helmPath);
  } catch (error) {
    const message = (error as Error).message;
    options.onLog(message);
    return { ok: false, exitCode: 127, output: message };
  }
  const namespace = releaseNamespace(plan, options.defaultNamespace);
  options.onLog(
    `Running Helm ${helm.version}: upgrade --install ${plan.releaseName} (${describeChart(plan.chart)}) in namespace ${namespace}${options.wait ? `, waiting up to ${options.timeoutSeconds} s` : ""}`,
  );
  const result = await runStreaming(options.helmPath, helmUpgradeArguments(plan, options, helm), {
    onLog: options.onLog,
    signal: options.signal,
    env: helmEnvironment(),
  });
  if (result.error) options.onLog(`Helm ${result.error}`);
  const ok = result.exitCode === 0 && !result.error;
  return { ok, exitCode: result.exitCode, output: result.output };
}

export function helmEnvironment(): NodeJS.ProcessEnv {
  const environment = { ...process.env };
  for (const name of Object.keys(environment)) if (name.startsWith("HELM_KUBE") || name === "KUBECONFIG") delete environment[name];
  return environment;
}
