// "Path on the server" (Helm) and "Directory on the server" (Kustomize) may only point under a
// root an administrator configured. The check resolves symlinks and ".." (realpath) on both the
// path and the roots, so a link inside a root that points at /etc is refused. It runs when a
// step is saved (a field error) and again when the step renders (the step fails), and the
// renderer then uses the resolved path, so a link changed after the check is not followed.
import { realpath } from "node:fs/promises";
import { resolve, sep } from "node:path";

/** `missing`: under a root as written, but nothing is there (yet). */
export type ServerPathRefusal = "no-roots" | "outside" | "missing" | "escapes";
export type ServerPathCheck = { ok: true; realPath: string } | { ok: false; reason: ServerPathRefusal; message: string };

const isUnder = (path: string, root: string) => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);

async function realpathOrUndefined(path: string): Promise<string | undefined> {
  try {
    return await realpath(path);
  } catch {
    return undefined;
  }
}

/**
 * Whether `path` is allowed. The lexical check comes first and touches no file, so a path
 * outside every root gets the same answer whether it exists or not (no probing of the disk).
 */
export async function checkServerPath(path: string, roots: readonly string[]): Promise<ServerPathCheck> {
  if (roots.length === 0) {
    return {
      ok: false,
      reason: "no-roots",
      message: "Paths on the server are not allowed: no administrator has configured a server path root (Settings → Server path roots)",
    };
  }
  const lexical = resolve(path);
  // A configured root that does not exist (yet) still counts as written; only existing ones can hold a real path.
  const configured = await Promise.all(roots.map(async (root) => ({ root: resolve(root), real: await realpathOrUndefined(root) })));
  if (!configured.some(({ root, real }) => isUnder(lexical, root) || (real !== undefined && isUnder(lexical, real)))) {
    return { ok: false, reason: "outside", message: `${path} is not under a server path root an administrator allowed (${roots.join(", ")})` };
  }
  const real = await realpathOrUndefined(lexical);
  if (!real) return { ok: false, reason: "missing", message: `${path} does not exist on this server` };
  if (!configured.some(({ real: root }) => root !== undefined && isUnder(real, root))) {
    return {
      ok: false,
      reason: "escapes",
      message: `${path} resolves to ${real}, which is not under a server path root an administrator allowed (${roots.join(", ")})`,
    };
  }
  return { ok: true, realPath: real };
}
