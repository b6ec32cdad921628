// Runs a CLI tool to completion (kubectl kustomize, kustomize build) with a timeout, and turns
// every way it can fail into a RenderError that carries the tool's own stderr.
import { execFile } from "node:child_process";
import { RenderError } from "./render-error.ts";

const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

export function runTool(file: string, args: string[], options: { timeoutMs: number; cwd?: string; label: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { cwd: options.cwd, timeout: options.timeoutMs, maxBuffer: MAX_OUTPUT_BYTES, encoding: "utf8" }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const failure = error as NodeJS.ErrnoException & { killed?: boolean; code?: number | string };
      if (failure.code === "ENOENT") return reject(new RenderError(`${options.label} failed: ${file} was not found on this server`));
      if (failure.killed) return reject(new RenderError(`${options.label} did not finish within ${options.timeoutMs / 1000} s and was stopped`));
      const detail = stderr.trim() || error.message;
      reject(new RenderError(`${options.label} failed${typeof failure.code === "number" ? ` (exit code ${failure.code})` : ""}: ${detail}`));
    });
  });
}
