// Checks that text is Kubernetes YAML we can apply: it parses, and every document (or every item
// of a List) is an object with apiVersion, kind and metadata.name. Shared by the API (authoritative)
// and the browser (early feedback).
import { parseAllDocuments } from "yaml";

// The same bound as the renderer (server/deploy/render/manifest-yaml.ts), so what passes here renders.
const MAX_ALIASES = 1000;

export type ManifestProblem = { document: number; message: string };
export type ManifestSummary = { apiVersion: string; kind: string; name: string; namespace?: string };

export function checkManifestYaml(text: string): { problems: ManifestProblem[]; objects: ManifestSummary[] } {
  const problems: ManifestProblem[] = [];
  const objects: ManifestSummary[] = [];
  const documents = parseAllDocuments(text);
  const list = Array.isArray(documents) ? documents : [documents];
  list.forEach((document, index) => {
    const number = index + 1;
    if (document.errors.length > 0) {
      problems.push({ document: number, message: `YAML error: ${document.errors[0]!.message.split("\n")[0]}` });
      return;
    }
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (error) {
      // An alias bomb ("billion laughs") or an alias to a missing anchor: a problem, not a crash.
      problems.push({ document: number, message: `YAML error: ${(error as Error).message}` });
      return;
    }
    if (value === null || value === undefined) return; // an empty document between separators
    const items = isList(value) ? (value as { items: unknown[] }).items : [value];
    items.forEach((item, itemIndex) => {
      const where = isList(value) ? `item ${itemIndex + 1} of the List` : "";
      const problem = checkObject(item);
      if (problem) problems.push({ document: number, message: where ? `${where}: ${problem}` : problem });
      else objects.push(summarize(item as KubeObjectShape));
    });
  });
  if (problems.length === 0 && objects.length === 0) problems.push({ document: 1, message: "No Kubernetes objects found" });
  return { problems, objects };
}

type KubeObjectShape = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } };

function isList(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { kind?: unknown }).kind === "string" &&
    (value as { kind: string }).kind.endsWith("List") &&
    Array.isArray((value as { items?: unknown }).items)
  );
}

function checkObject(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "is not a mapping (expected a Kubernetes object)";
  const object = value as Record<string, unknown>;
  const missing: string[] = [];
  if (typeof object.apiVersion !== "string" || !object.apiVersion) missing.push("apiVersion");
  if (typeof object.kind !== "string" || !object.kind) missing.push("kind");
  const metadata = object.metadata as Record<string, unknown> | undefined;
  if (typeof metadata?.name !== "string" || !metadata.name) missing.push("metadata.name");
  return missing.length ? `missing ${missing.join(", ")}` : undefined;
}

function summarize(object: KubeObjectShape): ManifestSummary {
  return { apiVersion: object.apiVersion, kind: object.kind, name: object.metadata.name, namespace: object.metadata.namespace };
}
