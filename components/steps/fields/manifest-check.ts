// The browser's early check of Kubernetes YAML (ManifestSummary), made to fail soft: whatever is
// pasted (an alias bomb, a cycle, nesting deep enough to exhaust the stack, megabytes of text),
// it returns problems to show under the field and never throws, so the page and the form survive.
// The server's check at save (server/contracts/steps/yaml.ts) stays the authoritative one.
import { checkManifestYaml, type ManifestProblem, type ManifestSummary } from "@/server/contracts/manifests.ts";
import { formatBytes, MAX_YAML_BYTES } from "@/server/contracts/limits.ts";

export type ManifestCheck = { problems: ManifestProblem[]; objects: ManifestSummary[] };

export function checkManifestSafely(text: string, check: (text: string) => ManifestCheck = checkManifestYaml): ManifestCheck | undefined {
  if (!text.trim()) return undefined;
  // Characters, not bytes: cheap to count on every keystroke, and never less than the byte limit.
  if (text.length > MAX_YAML_BYTES)
    return { objects: [], problems: [{ document: 1, message: `The text is larger than ${formatBytes(MAX_YAML_BYTES)}; the server will refuse it` }] };
  try {
    return check(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return { objects: [], problems: [{ document: 1, message: `This YAML could not be checked here (${reason}); the server checks it again at save` }] };
  }
}
