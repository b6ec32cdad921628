// The objects of a Helm release, from `helm get manifest`, so the tracker can show them while
// Helm installs. Namespaced objects that name no namespace live in the release's namespace; the
// caller resolves that with discovery (see resolveObjectResources in ../apply). The manifest holds
// the chart's Secrets with their values: they are redacted here, as the objects enter the process,
// so the rows, the drawer and the snapshot only ever see "<redacted>".
import { sanitizeObject } from "../../kube/sanitize.ts";
import { parseManifestYaml } from "../render/manifest-yaml.ts";
import type { KubeObject } from "../render/form-objects.ts";
import { helmEnvironment } from "./run-helm-upgrade.ts";
import { runStreaming } from "./run-streaming.ts";

export type ReleaseRef = { releaseName: string; namespace: string };

/** [] while the release does not exist yet (Helm writes it before creating the objects). */
export async function getReleaseManifest(
  release: ReleaseRef,
  options: { kubeconfigPath: string; helmPath: string; signal?: AbortSignal },
): Promise<KubeObject[]> {
  const args = ["get", "manifest", release.releaseName, "--namespace", release.namespace, "--kubeconfig", options.kubeconfigPath];
  const result = await runStreaming(options.helmPath, args, { signal: options.signal, env: helmEnvironment() });
  if (result.exitCode !== 0 || result.error) {
    if (/release: not found/i.test(result.output)) return [];
    throw new Error(`helm get manifest ${release.releaseName} failed: ${result.error ?? result.output.trim()}`);
  }
  return parseManifestYaml(result.output, `the manifest of Helm release ${release.releaseName}`).map(sanitizeObject);
}
