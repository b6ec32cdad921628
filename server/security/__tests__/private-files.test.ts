// Private files and directories: created 0600 / 0700, existing loose ones tightened with a log
// line naming the path and both modes, and the owner's own bits left as they were.
import { test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { privateDirectory, privateFile, privateParentDirectory, tightenIfPresent } from "../private-files.ts";

const modeOf = (path: string) => statSync(path).mode & 0o777;
const recorder = () => {
  const lines: { fields: Record<string, unknown>; message: string }[] = [];
  return { lines, log: { warn: (fields: Record<string, unknown>, message: string) => void lines.push({ fields, message }) } as never };
};
const scratch = () => mkdtempSync(join(tmpdir(), "kdeploy-modes-"));

test("a missing directory is created 0700 with its missing parents; a loose one is tightened", () => {
  const root = scratch();
  const { lines, log } = recorder();
  privateDirectory(join(root, "a", "data"), log);
  assert.equal(modeOf(join(root, "a")), 0o700);
  assert.equal(modeOf(join(root, "a", "data")), 0o700);
  assert.equal(lines.length, 0, "nothing to tighten in a new directory");
  const loose = join(root, "loose");
  mkdirSync(loose);
  chmodSync(loose, 0o755);
  privateDirectory(loose, log);
  assert.equal(modeOf(loose), 0o700);
  assert.deepEqual(
    lines.map((line) => line.fields),
    [{ path: loose, from: "0755", to: "0700" }],
  );
});

test("a missing file is created empty with 0600; a loose one is tightened, once", () => {
  const root = scratch();
  const { lines, log } = recorder();
  privateFile(join(root, "new.db"), log);
  assert.equal(modeOf(join(root, "new.db")), 0o600);
  assert.equal(statSync(join(root, "new.db")).size, 0);
  const loose = join(root, "old.db");
  writeFileSync(loose, "data");
  chmodSync(loose, 0o664);
  privateFile(loose, log);
  privateFile(loose, log);
  assert.equal(modeOf(loose), 0o600);
  assert.equal(lines.length, 1);
  assert.match(lines[0]!.message, /tightened permissions/);
  assert.deepEqual(lines[0]!.fields, { path: loose, from: "0664", to: "0600" });
});

test("tightening keeps the owner's bits (a read-only file stays read-only) and skips missing files", () => {
  const root = scratch();
  const { lines, log } = recorder();
  const readOnly = join(root, "key");
  writeFileSync(readOnly, "k");
  chmodSync(readOnly, 0o444);
  tightenIfPresent(readOnly, log);
  assert.equal(modeOf(readOnly), 0o400);
  tightenIfPresent(join(root, "missing"), log);
  assert.equal(lines.length, 1);
});

test("a file's missing parent is created 0700; an existing parent is left alone", () => {
  const root = scratch();
  chmodSync(root, 0o755);
  privateParentDirectory(join(root, "keys", "secret.key"));
  assert.equal(modeOf(join(root, "keys")), 0o700);
  privateParentDirectory(join(root, "secret.key"));
  assert.equal(modeOf(root), 0o755, "someone else's directory (/etc, /var/lib) is not ours to change");
});
