// `sandbox/cli.ts stop`: stops every sandbox process (by the pids it recorded) and waits.
import { readState, writeState } from "./lib/state";
import { stopProcess, type ManagedProcess } from "./lib/processes";

/**
 * Stops `processes` (default: those in sandbox.json), clients first and etcd last so nothing
 * logs a storm of connection errors. sandbox.json is kept, since its ports are reused by the
 * next start, but it then lists no processes.
 */
export async function stopSandbox(options: { processes?: ManagedProcess[]; quiet?: boolean } = {}): Promise<void> {
  const processes = options.processes ?? readState()?.processes ?? [];
  if (processes.length === 0 && !options.quiet) console.log("[sandbox] nothing to stop");
  for (const p of [...processes].reverse()) {
    const wasRunning = await stopProcess(p);
    if (!options.quiet) console.log(`[sandbox] ${wasRunning ? "stopped" : "already gone:"} ${p.name} (pid ${p.pid})`);
  }
  const state = readState();
  const stoppedPids = new Set(processes.map((p) => p.pid));
  // Only forget processes we just stopped, never a sandbox someone else started since.
  if (state && state.processes.length > 0 && state.processes.every((p) => stoppedPids.has(p.pid))) {
    writeState({ ...state, pids: {}, processes: [] });
  }
}
