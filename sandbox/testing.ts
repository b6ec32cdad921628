// Test helper: a real cluster for integration tests. See sandbox/README.md for the contract.
//
//   let sandbox: Sandbox;
//   before(async () => { sandbox = await useSandbox(); });
//   after(() => sandbox.cleanup());
//   test("…", async () => { const ns = await sandbox.createNamespace("deploy"); … });
import { randomBytes } from "node:crypto";
import { CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import { startOrReuseSandbox } from "./start";
import { stopSandbox } from "./stop";
import { isRunning } from "./lib/processes";
import type { SandboxState } from "./lib/state";

export interface Sandbox {
  kubeconfigPath: string;
  kubeConfig: KubeConfig;
  /** Folder with kubectl, helm (and helm4 when built). */
  binDir: string;
  serverUrl: string;
  state: SandboxState;
  /** A fresh namespace `<prefix>-<random>`, ready for pods (its `default` ServiceAccount exists). */
  createNamespace(prefix: string): Promise<string>;
  /** Deletes the namespaces this helper created (without waiting for them to terminate). */
  cleanup(): Promise<void>;
}

// One start per process: several test files' `before` hooks share the same promise.
let sandboxPromise: Promise<{ state: SandboxState; started: boolean }> | undefined;

function stopAtExitIfStartedHere(state: SandboxState): void {
  let stopping = false;
  // beforeExit allows awaiting a clean stop once the tests are done…
  process.once("beforeExit", () => {
    stopping = true;
    void stopSandbox({ processes: state.processes, quiet: true });
  });
  // …and on an abrupt exit, at least signal the processes (synchronously).
  process.once("exit", () => {
    if (stopping) return;
    for (const p of state.processes) if (isRunning(p.pid, p.binary)) process.kill(p.pid, "SIGTERM");
  });
}

async function waitForDefaultServiceAccount(core: CoreV1Api, namespace: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await core.readNamespacedServiceAccount({ name: "default", namespace });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`no default ServiceAccount in ${namespace} after ${timeoutMs / 1000}s`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

export async function useSandbox(): Promise<Sandbox> {
  sandboxPromise ??= startOrReuseSandbox({ quiet: true }).then((result) => {
    if (result.started) stopAtExitIfStartedHere(result.state);
    return result;
  });
  const { state } = await sandboxPromise;
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(state.kubeconfigPath);
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const namespaces: string[] = [];
  return {
    kubeconfigPath: state.kubeconfigPath,
    kubeConfig,
    binDir: state.binDir,
    serverUrl: state.serverUrl,
    state,
    async createNamespace(prefix) {
      const safePrefix =
        prefix
          .toLowerCase()
          .replace(/[^a-z0-9-]+/g, "-")
          .slice(0, 40)
          .replace(/^-+|-+$/g, "") || "test";
      const name = `${safePrefix}-${randomBytes(3).toString("hex")}`;
      await core.createNamespace({ body: { metadata: { name, labels: { "sandbox.kdeploy.dev/test": "true" } } } });
      namespaces.push(name);
      await waitForDefaultServiceAccount(core, name);
      return name;
    },
    async cleanup() {
      const names = namespaces.splice(0);
      await Promise.all(names.map((name) => core.deleteNamespace({ name }).catch(() => undefined /* already gone */)));
    },
  };
}
