// Entry point of `npm run sandbox*` (see sandbox/README.md):
//   build [--force]          build missing binaries (all with --force)
//   start [--register]       start or reuse the sandbox; --register adds it to the app
//   stop                     stop every sandbox process
//   status                   what runs, where
//   kubeconfig               print the admin kubeconfig path
//   node-not-ready <node>    make a kwok node NotReady; node-ready <node> undoes it
import { KubeConfig } from "@kubernetes/client-node";
import { buildAll } from "./build";
import { kubeconfigPath, stateFilePath } from "./lib/paths";
import { setNodeNotReady } from "./lib/nodes";
import { isRunning } from "./lib/processes";
import { readState } from "./lib/state";
import { registerSandbox } from "./register";
import { isSandboxHealthy, startSandbox } from "./start";

// `npx tsx sandbox/cli.ts status | head -1` closes the pipe early: that is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});
import { stopSandbox } from "./stop";

async function status(): Promise<number> {
  const state = readState();
  if (!state || state.processes.length === 0) {
    console.log("sandbox: not running");
    return 1;
  }
  const healthy = await isSandboxHealthy(state);
  console.log(`sandbox: ${healthy ? "running" : "UNHEALTHY"} at ${state.serverUrl} (since ${state.startedAt})`);
  for (const p of state.processes) {
    console.log(`  ${p.name.padEnd(24)} pid ${String(p.pid).padEnd(8)} ${isRunning(p.pid, p.binary) ? "up" : "DOWN"}  ${p.logFile}`);
  }
  console.log(`  kubeconfig: ${state.kubeconfigPath}\n  state:      ${stateFilePath()}`);
  return healthy ? 0 : 1;
}

async function changeNode(name: string | undefined, notReady: boolean): Promise<number> {
  if (!name) {
    console.error("usage: sandbox/cli.ts node-not-ready|node-ready <node-name>");
    return 2;
  }
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(kubeconfigPath());
  await setNodeNotReady(kubeConfig, name, notReady);
  console.log(`[sandbox] ${name}: ${notReady ? "will turn NotReady" : "will turn Ready"} within seconds`);
  return 0;
}

async function main(): Promise<number> {
  const [command = "start", ...args] = process.argv.slice(2);
  switch (command) {
    case "build":
      return (await buildAll({ force: args.includes("--force") })) ? 0 : 1;
    case "start": {
      const state = await startSandbox();
      return args.includes("--register") ? registerSandbox(state) : 0;
    }
    case "stop":
      await stopSandbox();
      return 0;
    case "status":
      return status();
    case "kubeconfig":
      console.log(kubeconfigPath());
      return 0;
    case "node-not-ready":
      return changeNode(args[0], true);
    case "node-ready":
      return changeNode(args[0], false);
    default:
      console.error(`unknown command "${command}"; see sandbox/cli.ts for the list`);
      return 2;
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`[sandbox] ${(error as Error).message}`);
  process.exitCode = 1;
}
