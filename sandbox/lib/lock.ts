// A start lock: two test processes (or a test and `npm run sandbox`) that both find no
// sandbox must not both start one. mkdir is atomic; the owner's pid makes stale locks detectable.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

function ownerAlive(lockDir: string): boolean {
  try {
    const pid = Number(readFileSync(join(lockDir, "pid"), "utf8"));
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function withStartLock<T>(
  dir: string,
  action: () => Promise<T>,
  timeoutMs = 90 * 60_000 /* a cold build may happen under the lock */,
): Promise<T> {
  const lockDir = join(dir, "start.lock");
  mkdirSync(dir, { recursive: true });
  const waitStarted = Date.now();
  const deadline = waitStarted + timeoutMs;
  let announced = false;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, "pid"), String(process.pid));
      break;
    } catch {
      // The pid file is written just after mkdir; give a fresh lock a moment before judging it stale.
      if (!ownerAlive(lockDir) && Date.now() - waitStarted > 2_000) rmSync(lockDir, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lockDir}`);
      if (!announced) console.log("[sandbox] another process is starting the sandbox; waiting for it");
      announced = true;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    return await action();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
