// `sandbox/cli.ts start`: brings the sandbox up (or reuses a running one) and writes
// sandbox.json and the admin kubeconfig. Processes are detached and outlive this command.
import { existsSync, mkdirSync, readlinkSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { binaryPath, buildAll, pieceBinDir, requiredPiecesBuilt } from "./build";
import { ensurePki } from "./lib/certs";
import { apiserverArgs, controllerManagerArgs, etcdArgs, kwokArgs, schedulerArgs, type ComponentLayout } from "./lib/components";
import { writeKubeconfig } from "./lib/kubeconfig";
import { ensureNodes, nodeNames } from "./lib/nodes";
import { kubeconfigPath, workDir } from "./lib/paths";
import { pieces } from "./lib/pieces";
import { choosePort } from "./lib/ports";
import { isRunning, logTail, startDetached, type ManagedProcess } from "./lib/processes";
import { isHealthy, isHealthyInsecure, waitFor, type TlsClient } from "./lib/readiness";
import { readState, writeState, type SandboxState } from "./lib/state";
import { stopSandbox } from "./stop";
import { withStartLock } from "./lib/lock";

// Generous: a busy 2-core machine (a build or a test suite running) slows start-up a lot.
const timeouts = { etcd: 60_000, apiserver: 180_000, component: 90_000, nodes: 90_000 };

/** True when every process in sandbox.json is alive and the apiserver answers /readyz. */
export async function isSandboxHealthy(state: SandboxState | undefined, options: { patienceMs?: number } = {}): Promise<boolean> {
  if (!state || state.processes.length === 0) return false;
  const allAlive = () => state.processes.every((p) => isRunning(p.pid, p.binary));
  const deadline = Date.now() + (options.patienceMs ?? 0);
  // A live but busy apiserver (a heavy test run on 2 cores) can miss one probe; with
  // patience, keep asking rather than restarting a sandbox others are using.
  for (;;) {
    if (!allAlive()) return false;
    if (await isHealthy(`${state.serverUrl}/readyz`, adminTls(state))) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

function adminTls(state: SandboxState): TlsClient {
  return { ca: state.caCertificate, identity: { cert: state.clientCertificate, key: state.clientKey } };
}

/**
 * <work>/bin: one link per built binary, so PATH=<binDir>:$PATH finds kubectl and helm.
 * Idempotent and add-only (tests may be using the links), so it also runs on reuse and
 * picks up an optional piece (helm4) built after the sandbox started.
 */
function linkBinaries(binDir: string): void {
  mkdirSync(binDir, { recursive: true });
  for (const piece of pieces) {
    for (const binary of Object.keys(piece.binaries)) {
      const target = join(pieceBinDir(piece), binary);
      const link = join(binDir, binary);
      if (!existsSync(target)) continue;
      if (isLinkTo(link, target)) continue;
      rmSync(link, { force: true });
      symlinkSync(target, link);
    }
  }
}

function isLinkTo(link: string, target: string): boolean {
  try {
    return readlinkSync(link) === target;
  } catch {
    return false;
  }
}

function printUsage(state: SandboxState): void {
  const kubectl = join(state.binDir, "kubectl");
  console.log(`
kdeploy sandbox is running: ${state.serverUrl}
  kubeconfig:  ${state.kubeconfigPath}
  state:       ${join(state.workDir, "sandbox.json")}
  logs:        ${join(state.workDir, "logs")}
  binaries:    ${state.binDir}

  KUBECONFIG=${state.kubeconfigPath} ${kubectl} get nodes
  export PATH=${state.binDir}:$PATH KUBECONFIG=${state.kubeconfigPath}

Stop it with: npm run sandbox:stop`);
}

/**
 * Starts the five processes in order, waiting for each to be ready. `onStarted` records
 * every process as soon as it exists, so an interrupted start can still be stopped.
 */
async function launch(
  layout: ComponentLayout,
  dirs: { logs: string; run: string },
  onStarted: (processes: ManagedProcess[]) => void,
): Promise<ManagedProcess[]> {
  const { pki } = layout;
  const started: ManagedProcess[] = [];
  const start = (name: string, binary: string, args: string[]): ManagedProcess => {
    console.log(`[sandbox] starting ${name}`);
    const process_ = startDetached(name, binaryPath(binary), args, dirs);
    started.push(process_);
    onStarted(started);
    return process_;
  };
  const alive = (p: ManagedProcess) => () => isRunning(p.pid, p.binary);
  const serverUrl = `https://127.0.0.1:${layout.ports.apiserver}`;
  const adminClient: TlsClient = { ca: pki.caCert, identity: pki.admin };
  try {
    const etcd = start("etcd", "etcd", etcdArgs(layout));
    await waitFor("etcd", () => isHealthy(`http://127.0.0.1:${layout.ports.etcdClient}/health`), {
      timeoutMs: timeouts.etcd,
      stillAlive: alive(etcd),
    });
    const apiserver = start("kube-apiserver", "kube-apiserver", apiserverArgs(layout));
    await waitFor("kube-apiserver", () => isHealthy(`${serverUrl}/readyz`, adminClient), {
      timeoutMs: timeouts.apiserver,
      stillAlive: alive(apiserver),
    });
    // The three clients start together: they only need the apiserver.
    const controllerManager = start("kube-controller-manager", "kube-controller-manager", controllerManagerArgs(layout));
    const scheduler = start("kube-scheduler", "kube-scheduler", schedulerArgs(layout));
    const kwok = start("kwok", "kwok", kwokArgs(layout));
    const localHealth = (port: number) => `https://127.0.0.1:${port}/healthz`;
    // Their serving certificates are self-signed, so probe them with TLS verification off.
    await Promise.all([
      waitFor("kube-controller-manager", () => isHealthyInsecure(localHealth(layout.ports.controllerManager)), {
        timeoutMs: timeouts.component,
        stillAlive: alive(controllerManager),
      }),
      waitFor("kube-scheduler", () => isHealthyInsecure(localHealth(layout.ports.scheduler)), {
        timeoutMs: timeouts.component,
        stillAlive: alive(scheduler),
      }),
      waitFor("kwok", () => isHealthy(`http://127.0.0.1:${layout.ports.kwok}/healthz`), {
        timeoutMs: timeouts.component,
        stillAlive: alive(kwok),
      }),
    ]);
    return started;
  } catch (error) {
    for (const p of started) console.error(`--- last lines of ${p.logFile}\n${logTail(p.logFile)}`);
    await stopSandbox({ processes: started, quiet: true });
    throw error;
  }
}

/** Starts the sandbox, or reuses a healthy one. Returns its state and whether it started it. */
export async function startSandbox(): Promise<SandboxState> {
  return (await startOrReuseSandbox()).state;
}

export function startOrReuseSandbox(options: { quiet?: boolean } = {}): Promise<{ state: SandboxState; started: boolean }> {
  return withStartLock(workDir(), async () => {
    const previous = readState();
    if (await isSandboxHealthy(previous, { patienceMs: 60_000 })) {
      linkBinaries(previous!.binDir);
      if (!options.quiet) {
        console.log("[sandbox] already running; reusing it");
        printUsage(previous!);
      }
      return { state: previous!, started: false };
    }
    return { state: await startFresh(previous), started: true };
  });
}

async function startFresh(previous: SandboxState | undefined): Promise<SandboxState> {
  if (previous) await stopSandbox({ processes: previous.processes, quiet: true }); // half-dead leftovers

  if (!requiredPiecesBuilt()) {
    console.log("[sandbox] binaries missing: building them first (cold: tens of minutes; see docs/sandbox.md)");
    if (!(await buildAll())) throw new Error("sandbox build failed; see the output above and docs/sandbox.md");
  }

  const startedAt = Date.now();
  const home = workDir();
  const dirs = { logs: join(home, "logs"), run: join(home, "run"), data: join(home, "data"), bin: join(home, "bin") };
  // Fresh cluster data every start (tests assume a clean cluster); certificates are kept.
  rmSync(dirs.data, { recursive: true, force: true });
  for (const dir of [dirs.logs, dirs.run, dirs.data]) mkdirSync(dir, { recursive: true });
  const pki = ensurePki(join(home, "pki"));
  linkBinaries(dirs.bin);

  const taken = new Set<number>();
  const was = previous?.ports;
  const ports: SandboxState["ports"] = {
    etcdClient: await choosePort(was?.etcdClient, taken),
    etcdPeer: await choosePort(was?.etcdPeer, taken),
    apiserver: await choosePort(was?.apiserver, taken),
    controllerManager: await choosePort(was?.controllerManager, taken),
    scheduler: await choosePort(was?.scheduler, taken),
    kwok: await choosePort(was?.kwok, taken),
  };
  const serverUrl = `https://127.0.0.1:${ports.apiserver}`;
  const kubeconfigs = {
    controllerManager: join(home, "controller-manager.kubeconfig"),
    scheduler: join(home, "scheduler.kubeconfig"),
    kwok: join(home, "kwok.kubeconfig"),
  };
  writeKubeconfig(kubeconfigs.controllerManager, { serverUrl, caCert: pki.caCert, identity: pki.controllerManager, user: "kube-controller-manager" });
  writeKubeconfig(kubeconfigs.scheduler, { serverUrl, caCert: pki.caCert, identity: pki.scheduler, user: "kube-scheduler" });
  writeKubeconfig(kubeconfigs.kwok, { serverUrl, caCert: pki.caCert, identity: pki.kwok, user: "kwok" });
  writeKubeconfig(kubeconfigPath(), { serverUrl, caCert: pki.caCert, identity: pki.admin, user: "admin" });

  const state: SandboxState = {
    serverUrl,
    kubeconfigPath: kubeconfigPath(),
    caCertificate: pki.caCert,
    clientCertificate: pki.admin.cert,
    clientKey: pki.admin.key,
    binDir: dirs.bin,
    workDir: home,
    ports,
    pids: {},
    processes: [],
    nodes: nodeNames,
    startedAt: new Date().toISOString(),
  };
  const processes = await launch({ pki, ports, dataDir: dirs.data, kubeconfigs }, dirs, (started) => {
    state.processes = [...started];
    state.pids = Object.fromEntries(started.map((p) => [p.name, p.pid]));
    writeState(state);
  });
  try {
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(state.kubeconfigPath);
    await ensureNodes(kubeConfig, timeouts.nodes);
    console.log(`[sandbox] ${nodeNames.length} kwok nodes Ready`);
  } catch (error) {
    for (const p of processes) console.error(`--- last lines of ${p.logFile}\n${logTail(p.logFile)}`);
    await stopSandbox({ processes, quiet: true });
    throw error;
  }
  console.log(`[sandbox] started in ${((Date.now() - startedAt) / 1000).toFixed(1)}s`);
  printUsage(state);
  return state;
}
