// sandbox.json: the machine-readable description of a running sandbox, for tests, the
// app's tooling and `sandbox/cli.ts` itself (to reuse or stop what runs).
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { ManagedProcess } from "./processes";
import { stateFilePath } from "./paths";

export interface SandboxState {
  serverUrl: string;
  kubeconfigPath: string;
  /** PEM file paths. */
  caCertificate: string;
  clientCertificate: string;
  clientKey: string;
  /** Folder with links to every built binary (kubectl, helm, helm4 when built, …). */
  binDir: string;
  workDir: string;
  ports: { etcdClient: number; etcdPeer: number; apiserver: number; controllerManager: number; scheduler: number; kwok: number };
  pids: Record<string, number>;
  processes: ManagedProcess[];
  nodes: string[];
  startedAt: string;
}

export function readState(): SandboxState | undefined {
  const path = stateFilePath();
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, "utf8")) as SandboxState;
  } catch {
    return undefined;
  }
}

export function writeState(state: SandboxState): void {
  const path = stateFilePath();
  // Write then rename, so a reader never sees half a file.
  writeFileSync(`${path}.tmp`, JSON.stringify(state, null, 2) + "\n");
  renameSync(`${path}.tmp`, path);
}
