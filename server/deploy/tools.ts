// Where the CLI tools the renderers run are: KDEPLOY_KUBECTL / KDEPLOY_HELM / KDEPLOY_KUSTOMIZE,
// else the first on PATH, else the local sandbox's bin folder (handy for demos on this machine).
import { accessSync, constants } from "node:fs";
import { homedir } from "node:os";
import { delimiter, join } from "node:path";

function onPath(name: string): string | undefined {
  const folders = [...(process.env.PATH ?? "").split(delimiter), join(homedir(), ".local/state/kdeploy-sandbox/bin")];
  for (const folder of folders) {
    const candidate = join(folder, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      /* not here */
    }
  }
  return undefined;
}

export function deployTools(): { kubectl: string; helm: string; kustomize?: string } {
  return {
    kubectl: process.env.KDEPLOY_KUBECTL ?? onPath("kubectl") ?? "kubectl",
    helm: process.env.KDEPLOY_HELM ?? onPath("helm") ?? "helm",
    kustomize: process.env.KDEPLOY_KUSTOMIZE,
  };
}
