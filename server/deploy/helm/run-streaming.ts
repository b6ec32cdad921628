// Runs a process, hands each stdout/stderr line to onLog as it arrives, and keeps the output
// (bounded) for the result. Stopping on abort sends SIGTERM, which lets Helm record the failure
// on the release instead of leaving it locked in a pending state for longer than needed.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

const MAX_KEPT_CHARS = 1024 * 1024;

export type ProcessResult = { exitCode: number; output: string; error?: string };

export function runStreaming(
  file: string,
  args: string[],
  options: { onLog?: (line: string) => void; signal?: AbortSignal; env?: NodeJS.ProcessEnv },
): Promise<ProcessResult> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: ProcessResult) => {
      if (!settled) resolve(result);
      settled = true;
    };
    let output = "";
    const keep = (line: string) => {
      if (output.length < MAX_KEPT_CHARS) output += `${line}\n`;
      options.onLog?.(line);
    };
    const child = spawn(file, args, { env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"], signal: options.signal, killSignal: "SIGTERM" });
    let spawnError: string | undefined;
    const streamsClosed = Promise.all(
      [child.stdout, child.stderr].map((stream) => {
        const lines = createInterface({ input: stream, crlfDelay: Infinity });
        lines.on("line", keep);
        return new Promise<void>((done) => lines.once("close", () => done()));
      }),
    );
    child.on("error", (error: NodeJS.ErrnoException) => {
      spawnError =
        error.name === "AbortError" ? "stopped (the step was cancelled)" : error.code === "ENOENT" ? `${file} was not found on this server` : error.message;
      // A process that never started may not emit "close".
      if (child.pid === undefined) finish({ exitCode: 127, output, error: spawnError });
    });
    child.on("close", (code, signal) => {
      void streamsClosed.then(() => {
        const exitCode = code ?? (signal ? 128 : 1);
        finish({ exitCode, output, ...(spawnError ? { error: spawnError } : signal ? { error: `stopped by ${signal}` } : {}) });
      });
    });
  });
}
