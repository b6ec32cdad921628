// Detached child processes with a log file and a pid file each. Detached (own process
// group, stdio to files, unref'd) so they outlive `npm run sandbox`, which returns.
import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface ManagedProcess {
  name: string;
  pid: number;
  binary: string;
  logFile: string;
}

export function startDetached(name: string, binary: string, args: string[], dirs: { logs: string; run: string }): ManagedProcess {
  const logFile = join(dirs.logs, `${name}.log`);
  const log = openSync(logFile, "a");
  writeFileSync(log, `\n=== ${new Date().toISOString()} ${binary} ${args.join(" ")}\n`);
  const child = spawn(binary, args, { detached: true, stdio: ["ignore", log, log] });
  closeSync(log);
  if (child.pid === undefined) throw new Error(`could not start ${name} (${binary})`);
  child.unref();
  writeFileSync(join(dirs.run, `${name}.pid`), `${child.pid}\n`);
  return { name, pid: child.pid, binary, logFile };
}

/**
 * True when `pid` is alive and still runs `binary`. Checking the command line guards
 * against signalling an unrelated process that got a recycled pid.
 */
export function isRunning(pid: number, binary: string): boolean {
  const cmdlineFile = `/proc/${pid}/cmdline`;
  if (!existsSync(cmdlineFile)) return false;
  try {
    const executable = readFileSync(cmdlineFile, "utf8").split("\0")[0] ?? "";
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const isZombie = / Z /.test(stat.slice(stat.lastIndexOf(")")));
    return executable === binary && !isZombie;
  } catch {
    return false;
  }
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return condition();
}

/** SIGTERM, wait up to `graceMs`, then SIGKILL and wait again. False if it was not running. */
export async function stopProcess(process_: ManagedProcess, graceMs = 15_000): Promise<boolean> {
  if (!isRunning(process_.pid, process_.binary)) return false;
  process.kill(process_.pid, "SIGTERM");
  if (await waitUntil(() => !isRunning(process_.pid, process_.binary), graceMs)) return true;
  console.warn(`[sandbox] ${process_.name} (pid ${process_.pid}) ignored SIGTERM; killing it`);
  process.kill(process_.pid, "SIGKILL");
  await waitUntil(() => !isRunning(process_.pid, process_.binary), 5_000);
  return true;
}

/** Last lines of a log, for error messages. */
export function logTail(logFile: string, lines = 20): string {
  try {
    return readFileSync(logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}
