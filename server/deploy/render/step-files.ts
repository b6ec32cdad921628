// Writes a step's stored files (uploaded manifests, a kustomization) into the work directory.
// The schema already refuses absolute paths and "..", this re-checks because the directory is on
// the server's disk and the stored JSON may not have gone through the schema.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve, sep } from "node:path";
import { RenderError } from "./render-error.ts";

export async function writeStepFiles(root: string, files: { path: string; content: string }[]): Promise<void> {
  const base = resolve(root);
  for (const file of files) {
    const target = resolve(base, file.path);
    if (!target.startsWith(base + sep)) throw new RenderError(`File path "${file.path}" leaves the step's folder`);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content, { mode: 0o600 });
  }
}
