// Files only the server's own user may read: the SQLite database (and its -wal/-shm), the secret
// key file, and the data directory holding them. New ones are created private; existing ones that
// group or others may read are tightened, with a log line, since they may have been created by an
// older version or copied with a loose umask.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from "node:fs";
import { dirname } from "node:path";
import type { Logger } from "../logging.ts";

type Log = Pick<Logger, "warn">;

const PRIVATE_FILE = 0o600;
const PRIVATE_DIRECTORY = 0o700;
const GROUP_AND_OTHERS = 0o077;

/** Creates the directory (and missing parents) with mode 0700, or tightens an existing one. */
export function privateDirectory(path: string, log?: Log): void {
  if (!existsSync(path)) mkdirSync(path, { recursive: true, mode: PRIVATE_DIRECTORY });
  tighten(path, log);
}

/** Creates the missing parents of a file with mode 0700; existing ones are not ours to change. */
export function privateParentDirectory(file: string): void {
  const parent = dirname(file);
  if (!existsSync(parent)) mkdirSync(parent, { recursive: true, mode: PRIVATE_DIRECTORY });
}

/**
 * Creates an empty file with mode 0600 when it is missing, or tightens an existing one. An empty
 * file is a valid empty SQLite database, and SQLite gives its -wal and -shm files the mode of the
 * database file, so creating it first keeps all three private.
 */
export function privateFile(path: string, log?: Log): void {
  if (!existsSync(path)) {
    try {
      closeSync(openSync(path, "wx", PRIVATE_FILE));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error; // another process was first
    }
  }
  tighten(path, log);
}

/** Tightens the file when it exists; a missing file is left missing. */
export function tightenIfPresent(path: string, log?: Log): void {
  if (existsSync(path)) tighten(path, log);
}

/** Removes the group and others bits (the owner's stay as they are). */
function tighten(path: string, log?: Log): void {
  const mode = statSync(path).mode & 0o777;
  if ((mode & GROUP_AND_OTHERS) === 0) return;
  const tightened = mode & ~GROUP_AND_OTHERS;
  chmodSync(path, tightened);
  log?.warn({ path, from: octal(mode), to: octal(tightened) }, "tightened permissions: only the server's user may read this");
}

const octal = (mode: number) => `0${mode.toString(8).padStart(3, "0")}`;

export const PRIVATE_MODES = { file: PRIVATE_FILE, directory: PRIVATE_DIRECTORY } as const;
