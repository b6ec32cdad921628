// A second kdeploy server started by a spec itself: production build, its own port, a new data
// folder with a new SQLite database, and no administrator (no KDEPLOY_ADMIN_*), so it prints the
// first-run setup link on its console. The spec waits for that line, and stops the process by pid.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";

const repositoryRoot = fileURLToPath(new URL("..", import.meta.url));
const SETUP_LINK = /(http:\/\/\S+\/setup\?token=\S+)/;
/** Variables of the test run's own server that must not leak into a fresh one. */
const INHERITED_SETTINGS = /^(KDEPLOY_|DATABASE_URL$|PORT$|HOST$)/;

export type FreshServer = { url: string; setupLink: string; stop(): Promise<void> };

export async function startFreshServer({ port, timeoutMs = 60_000 }: { port: number; timeoutMs?: number }): Promise<FreshServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "kdeploy-e2e-first-run-"));
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !INHERITED_SETTINGS.test(name)));
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    cwd: repositoryRoot,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      KDEPLOY_DATA_DIR: dataDir,
      DATABASE_URL: `file:${join(dataDir, "kdeploy.db")}`,
      LOG_LEVEL: "warn",
    },
  });
  const stop = async () => {
    await stopProcess(child);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const setupLink = await waitForSetupLink(child, timeoutMs);
    return { url: new URL(setupLink).origin, setupLink, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Resolves with the setup link as soon as the server prints it; fails if it exits or stays silent. */
function waitForSetupLink(child: ChildProcess, timeoutMs: number): Promise<string> {
  const output: string[] = [];
  child.stderr!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const fail = (why: string) => {
      clearTimeout(timer);
      lines.close();
      reject(new Error(`${why}. Server output:\n${output.join("")}`));
    };
    const timer = setTimeout(() => fail(`no setup link within ${timeoutMs} ms`), timeoutMs);
    child.once("exit", (code, signal) => fail(`the server exited (code ${code}, signal ${signal}) before printing a setup link`));
    lines.on("line", (line) => {
      output.push(`${line}\n`);
      const link = SETUP_LINK.exec(line)?.[1];
      if (!link) return;
      clearTimeout(timer);
      child.removeAllListeners("exit");
      resolve(link);
    });
  });
}

/** SIGTERM (the server shuts down gracefully), SIGKILL if it is still running after 20 s. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const forced = setTimeout(() => child.kill("SIGKILL"), 20_000);
  await exited;
  clearTimeout(forced);
}
