// Where the sandbox keeps things. Binaries live outside the repository so that a fresh
// clone on the same machine (CI) reuses them; runtime state lives in a per-user state folder.
import { homedir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

/** The `sandbox/` folder of the repository (this file is sandbox/lib/paths.ts). */
export const sandboxSourceDir = dirname(dirname(fileURLToPath(import.meta.url)));

/** Build cache root: `${KDEPLOY_SANDBOX_CACHE:-$HOME/.cache/kdeploy-sandbox}`. */
export function cacheDir(): string {
  return process.env.KDEPLOY_SANDBOX_CACHE || join(homedir(), ".cache", "kdeploy-sandbox");
}

/** Work folder with certificates, data, logs, pid files and the kubeconfig. */
export function workDir(): string {
  return process.env.KDEPLOY_SANDBOX_HOME || join(homedir(), ".local", "state", "kdeploy-sandbox");
}

export function stateFilePath(): string {
  return join(workDir(), "sandbox.json");
}

export function kubeconfigPath(): string {
  return join(workDir(), "kubeconfig");
}
