// "Deploy with Kustomize". Decision: `kubectl kustomize <dir>` by default, because the kubectl
// path is configured with the server and pins the Kustomize version (kubectl 1.36 embeds
// Kustomize v5.8). A standalone `kustomize build` runs only when the executor passes its path in
// `tools.kustomize`: we never pick up whatever `kustomize` happens to be on PATH, so the same
// step renders the same objects on every server.
// Variables are substituted in every file before Kustomize runs (so generators and patches see
// the values). Exec plugins stay disabled (no --enable-alpha-plugins).
import { join } from "node:path";
import { kustomizeStepConfig } from "../../contracts/steps/index.ts";
import { describeUnknownVariables, substituteVariables } from "../variables.ts";
import { describeRendered } from "./describe-objects.ts";
import { parseManifestYaml } from "./manifest-yaml.ts";
import type { RenderContext, RenderResult } from "./render-types.ts";
import { runTool } from "./run-tool.ts";
import { parseStepConfig } from "./step-config.ts";
import { requireServerPath } from "./server-path.ts";
import { writeStepFiles } from "./step-files.ts";

const KUSTOMIZE_TIMEOUT_MS = 60_000;

export async function renderKustomizeStep(rawConfig: unknown, context: RenderContext): Promise<RenderResult> {
  const config = parseStepConfig(kustomizeStepConfig, rawConfig, "Kustomize");
  const log: string[] = [];
  let directory: string;
  if (config.source === "files") {
    const root = join(context.workDir, "kustomize");
    const unknown = new Set<string>();
    const files = config.files.map((file) => {
      const substituted = substituteVariables(file.content, context.variables);
      substituted.unknown.forEach((name) => unknown.add(name));
      return { path: file.path, content: substituted.text };
    });
    log.push(...describeUnknownVariables([...unknown], "the Kustomize files"));
    await writeStepFiles(root, files);
    const overlay = config.overlay.replace(/^\.?\/*|\/+$/g, "");
    directory = overlay ? join(root, overlay) : root;
  } else {
    // A directory on the server is used as it is: substituting would mean editing files we do not own.
    // Only under an allowed root, and by its resolved path (a symlink changed after the check is not followed).
    directory = await requireServerPath(config.path, context.serverPathRoots ?? [], "The Kustomize directory");
  }
  const where = config.source === "files" ? (config.overlay ? `overlay ${config.overlay}` : "the kustomization") : config.path;
  const [file, args, label] = context.tools.kustomize
    ? [context.tools.kustomize, ["build", directory], "kustomize build"]
    : [context.tools.kubectl, ["kustomize", directory], "kubectl kustomize"];
  const output = await runTool(file, args, { timeoutMs: KUSTOMIZE_TIMEOUT_MS, label: `${label} ${where}` });
  const objects = parseManifestYaml(output, "the Kustomize output");
  log.push(describeRendered(objects, `Kustomize (${where})`));
  return { objects, log };
}
