// Child processes started by the bench (kubectl, helm, the fan-out server): every one is
// registered so a failing scenario or Ctrl-C never leaves one behind, and every one has a
// deadline. Only processes started here are ever signalled, by their pid.
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { nowMs } from "./clock.ts";

const running = new Set<ChildProcess>();

export function killAllStarted(): void {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  running.clear();
}

process.once("exit", killAllStarted);
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => {
    killAllStarted();
    process.exit(130);
  });

export type Finished = { code: number | null; signal: string | null; startedAt: number; exitedAt: number; stdout: string; stderr: string };

export type Started = {
  child: ChildProcess;
  finished: Promise<Finished>;
  /** Sends SIGTERM (the tool's normal stop), then SIGKILL if it does not exit within 5 s. */
  stop(): Promise<Finished>;
};

/**
 * Starts a process; `onStderrLine` sees each stderr line as it arrives (request counting).
 * The process is killed after `timeoutMs`. The exit time is taken in the 'exit' handler.
 */
export function start(
  file: string,
  args: string[],
  options: { timeoutMs: number; env?: NodeJS.ProcessEnv; onStderrLine?: (line: string) => void; keepOutput?: boolean; spawn?: SpawnOptions },
): Started {
  const startedAt = nowMs();
  const child = spawn(file, args, { stdio: ["ignore", "pipe", "pipe"], env: options.env ?? process.env, ...options.spawn });
  running.add(child);
  let stdout = "";
  let stderr = "";
  let pending = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    if (options.keepOutput !== false) stdout += chunk.toString("utf8");
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    if (options.keepOutput !== false && stderr.length < 200_000) stderr += text;
    if (!options.onStderrLine) return;
    pending += text;
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) options.onStderrLine(line);
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs);
  const finished = new Promise<Finished>((resolve) => {
    let exitedAt = 0;
    child.once("exit", () => (exitedAt = nowMs()));
    child.once("error", (error) => {
      stderr += String(error);
    });
    // 'close' waits for the pipes to drain, so the output is complete; the exit time is from 'exit'.
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      resolve({ code, signal, startedAt, exitedAt: exitedAt || nowMs(), stdout, stderr });
    });
  });
  return {
    child,
    finished,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const force = setTimeout(() => child.kill("SIGKILL"), 5_000);
        const result = await finished;
        clearTimeout(force);
        return result;
      }
      return finished;
    },
  };
}
