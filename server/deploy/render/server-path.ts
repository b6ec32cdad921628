// The render-time half of the server path rule (see server/settings/server-paths.ts): a step
// that reads a chart or a kustomization on the server fails unless the path is under a root an
// administrator allowed, after resolving symlinks and "..".
import { checkServerPath } from "../../settings/server-paths.ts";
import { RenderError } from "./render-error.ts";

/** The resolved path to hand to the tool; throws RenderError with the reason otherwise. */
export async function requireServerPath(path: string, roots: readonly string[], what: string): Promise<string> {
  const check = await checkServerPath(path, roots);
  if (check.ok) return check.realPath;
  throw new RenderError(`${what} cannot be used: ${check.message}`);
}
