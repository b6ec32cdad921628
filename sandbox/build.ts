// Builds the sandbox's binaries from the Go wrapper modules, one piece at a time (the
// machine has 2 cores; parallel builds only thrash). Output:
//   <cache>/bin/<piece>-<version>-<hash of go.mod+go.sum>/
// A piece whose folder exists is skipped, so CI in a fresh clone reuses earlier builds.
// Go's own caches (GOCACHE, GOMODCACHE) are left where they are and kept.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { spawn } from "node:child_process";
import { cacheDir } from "./lib/paths";
import { moduleDir, pieces, type Piece } from "./lib/pieces";

export function pieceBinDir(piece: Piece): string {
  const dir = moduleDir(piece);
  const hash = createHash("sha256")
    .update(readFileSync(join(dir, "go.mod")))
    .update(readFileSync(join(dir, "go.sum")))
    .digest("hex")
    .slice(0, 12);
  return join(cacheDir(), "bin", `${piece.name}-${piece.version}-${hash}`);
}

export function isBuilt(piece: Piece): boolean {
  const dir = pieceBinDir(piece);
  return Object.keys(piece.binaries).every((binary) => existsSync(join(dir, binary)));
}

/** Path of a built binary, e.g. binaryPath("kubectl"). Throws if no piece provides it. */
export function binaryPath(binary: string): string {
  const piece = pieces.find((p) => binary in p.binaries);
  if (!piece) throw new Error(`no sandbox piece provides ${binary}`);
  return join(pieceBinDir(piece), binary);
}

function formatSeconds(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}

function runGo(args: string[], cwd: string, label: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    // Go prints nothing while compiling; a heartbeat shows the build is alive.
    const heartbeat = setInterval(() => console.log(`  … ${label} still building (${formatSeconds(Date.now() - started)})`), 30_000);
    const child = spawn("go", args, {
      cwd,
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, GOTOOLCHAIN: "local", CGO_ENABLED: "0", GOFLAGS: "-buildvcs=false" },
    });
    child.on("error", (error) => {
      clearInterval(heartbeat);
      reject(error);
    });
    child.on("exit", (code, signal) => {
      clearInterval(heartbeat);
      if (code === 0) resolve();
      else reject(new Error(`go ${args.slice(0, 1).join(" ")} for ${label} failed (${signal ?? `exit ${code}`})`));
    });
  });
}

async function buildPiece(piece: Piece): Promise<void> {
  const outDir = pieceBinDir(piece);
  // Build into a scratch folder and rename at the end: an interrupted build never
  // leaves a folder that looks complete.
  const partialDir = `${outDir}.partial`;
  rmSync(partialDir, { recursive: true, force: true });
  mkdirSync(partialDir, { recursive: true });
  const ldflags = ["-s", "-w", ...Object.entries(piece.versionVariables).map(([k, v]) => `-X ${k}=${v}`)].join(" ");
  const started = Date.now();
  console.log(`[sandbox build] ${piece.name} ${piece.version}: building ${Object.keys(piece.binaries).join(", ")}`);
  for (const [binary, pkg] of Object.entries(piece.binaries)) {
    await runGo(["build", "-trimpath", "-ldflags", ldflags, "-o", join(partialDir, binary), pkg], moduleDir(piece), `${piece.name}/${binary}`);
  }
  rmSync(outDir, { recursive: true, force: true });
  renameSync(partialDir, outDir);
  console.log(`[sandbox build] ${piece.name} ${piece.version}: done in ${formatSeconds(Date.now() - started)} → ${outDir}`);
}

/** Builds every missing piece. Returns false if a required piece failed. */
export async function buildAll(options: { force?: boolean } = {}): Promise<boolean> {
  let ok = true;
  for (const piece of pieces) {
    if (!options.force && isBuilt(piece)) {
      console.log(`[sandbox build] ${piece.name} ${piece.version}: up to date (${pieceBinDir(piece)})`);
      continue;
    }
    try {
      await buildPiece(piece);
    } catch (error) {
      console.error(`[sandbox build] ${piece.name} ${piece.version}: ${(error as Error).message}`);
      if (piece.optional) console.error(`[sandbox build] ${piece.name} is optional; continuing without it`);
      else ok = false;
    }
  }
  return ok;
}

/** True when every required piece is built (optional ones may be missing). */
export function requiredPiecesBuilt(): boolean {
  return pieces.every((piece) => piece.optional || isBuilt(piece));
}
