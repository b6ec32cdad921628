// Extra kdeploy servers started by a spec itself: the production build (`node --import tsx
// server/index.ts`, NODE_ENV=production), its own port and data folder (SQLite), none of the test
// run's own server's settings. Each is stopped by pid.
// - startFreshServer: a new data folder and no administrator (no KDEPLOY_ADMIN_*), so it prints the
//   first-run setup link on its console; the spec waits for that line.
// - startServer: a data folder the spec owns, ready once /api/health answers; the restart spec
//   kills it (SIGKILL or SIGTERM) and starts another on the same folder and port.
// Each server dies with the spec's process (util-linux's setpriv --pdeathsig, where installed): a
// spec killed by a timeout or by hand leaves no server behind on its port.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";

const repositoryRoot = fileURLToPath(new URL("..", import.meta.url));
const SETUP_LINK = /(http:\/\/\S+\/setup\?token=\S+)/;
/** Variables of the test run's own server that must not leak into another one. */
const INHERITED_SETTINGS = /^(KDEPLOY_|DATABASE_URL$|REDIS_URL$|PORT$|HOST$)/;
const SETPRIV = "/usr/bin/setpriv";
/** What the build's folder is called (KDEPLOY_NEXT_DIST_DIR): the extra server serves the same build. */
const BUILD_SETTINGS = ["KDEPLOY_NEXT_DIST_DIR"] as const;

export type FreshServer = { url: string; setupLink: string; stop(): Promise<void> };

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

export type ServerProcess = {
  url: string;
  pid: number;
  /** Everything the server printed so far (stdout and stderr), for a failing test's message. */
  output(): string;
  /** Sends the signal and resolves once the process has exited. */
  kill(signal: "SIGTERM" | "SIGKILL"): Promise<Exit>;
  /** SIGTERM (a graceful shutdown), SIGKILL if it is still running after 20 s. */
  stop(): Promise<void>;
};

type Spawned = { child: ChildProcess; output: string[]; exited: Promise<Exit> };

function spawnServer(port: number, dataDir: string, settings: Record<string, string>): Spawned {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !INHERITED_SETTINGS.test(name)));
  for (const name of BUILD_SETTINGS) if (process.env[name]) env[name] = process.env[name];
  const command = [process.execPath, "--import", "tsx", "server/index.ts"];
  // setpriv execs the server (same pid) after asking the kernel to SIGKILL it when this process dies.
  const [program, ...args] = existsSync(SETPRIV) ? [SETPRIV, "--pdeathsig", "SIGKILL", ...command] : command;
  const child = spawn(program!, args, {
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
      ...settings,
    },
  });
  const output: string[] = [];
  child.stderr!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<Exit>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  return { child, output, exited };
}

export async function startFreshServer({ port, timeoutMs = 60_000 }: { port: number; timeoutMs?: number }): Promise<FreshServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "kdeploy-e2e-first-run-"));
  const spawned = spawnServer(port, dataDir, {});
  const stop = async () => {
    await stopProcess(spawned);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const setupLink = await waitForSetupLink(spawned, timeoutMs);
    return { url: new URL(setupLink).origin, setupLink, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * A server on `dataDir` (the caller creates and removes it), with `settings` on top of the
 * defaults (e.g. KDEPLOY_ADMIN_EMAIL / PASSWORD, LOG_LEVEL); resolves once /api/health answers 200.
 */
export async function startServer({
  port,
  dataDir,
  settings = {},
  timeoutMs = 60_000,
}: {
  port: number;
  dataDir: string;
  settings?: Record<string, string>;
  timeoutMs?: number;
}): Promise<ServerProcess> {
  const spawned = spawnServer(port, dataDir, settings);
  const { child, output } = spawned;
  child.stdout!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const server: ServerProcess = {
    url,
    pid: child.pid!,
    output: () => output.join(""),
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return spawned.exited;
    },
    stop: () => stopProcess(spawned),
  };
  try {
    await waitForHealth(url, spawned, timeoutMs);
    return server;
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** Polls /api/health until it answers 200; fails if the process exits first or it takes too long. */
async function waitForHealth(url: string, { output, exited }: Spawned, timeoutMs: number): Promise<void> {
  let exit: Exit | undefined;
  void exited.then((value) => (exit = value));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exit) throw new Error(`the server exited (code ${exit.code}, signal ${exit.signal}) before /api/health answered. Server output:\n${output.join("")}`);
    const healthy = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return;
    if (Date.now() > deadline) throw new Error(`/api/health did not answer within ${timeoutMs} ms. Server output:\n${output.join("")}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Resolves with the setup link as soon as the server prints it; fails if it exits or stays silent. */
function waitForSetupLink({ child, output }: Spawned, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const fail = (why: string) => {
      clearTimeout(timer);
      lines.close();
      reject(new Error(`${why}. Server output:\n${output.join("")}`));
    };
    const timer = setTimeout(() => fail(`no setup link within ${timeoutMs} ms`), timeoutMs);
    const exitedEarly = (code: number | null, signal: NodeJS.Signals | null) =>
      fail(`the server exited (code ${code}, signal ${signal}) before printing a setup link`);
    child.once("exit", exitedEarly);
    lines.on("line", (line) => {
      output.push(`${line}\n`);
      const link = SETUP_LINK.exec(line)?.[1];
      if (!link) return;
      clearTimeout(timer);
      child.off("exit", exitedEarly);
      resolve(link);
    });
  });
}

/** SIGTERM (the server shuts down gracefully), SIGKILL if it is still running after 20 s. */
async function stopProcess({ child, exited }: Spawned): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const forced = setTimeout(() => child.kill("SIGKILL"), 20_000);
  await exited;
  clearTimeout(forced);
}
