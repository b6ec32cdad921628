// Checks that text is Kubernetes YAML we can apply: it parses, and every document (or every item
// of a List) is an object with apiVersion, kind and metadata.name. Shared by the API (authoritative)
// and the browser (early feedback).
import { parseAllDocuments, type ParseOptions, type DocumentOptions, type SchemaOptions, type Tags } from "yaml";

// Read the way kubectl reads manifests (YAML 1.1, sigs.k8s.io/yaml over go-yaml v2): `defaultMode: 0644` is
// octal 420 and `yes`/`on`/`y` are booleans. YAML 1.2 (the `yaml` package's default) would read 0644
// as decimal 644 and the API server would reject the volume. go-yaml v2 keeps timestamps and
// sexagesimal numbers (`12:30`) as strings when decoding to JSON, so those tags are turned off.
// The renderer (server/deploy/render/manifest-yaml.ts) uses the same options, so what passes here renders.
const KUBECTL_INCOMPATIBLE_TAGS = (tags: Tags): Tags =>
  tags.filter((tag) => {
    if (typeof tag !== "object") return true;
    if (tag.tag === "tag:yaml.org,2002:timestamp") return false;
    return !(tag.format === "TIME" && (tag.tag === "tag:yaml.org,2002:int" || tag.tag === "tag:yaml.org,2002:float"));
  });

/** The options every reader of step YAML uses, so all of them see the same objects kubectl does. */
export const KUBECTL_YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: "1.1",
  customTags: KUBECTL_INCOMPATIBLE_TAGS,
  prettyErrors: true,
};

/** Bounds alias expansion (a "billion laughs" document), as kubectl's decoder does. */
export const MAX_YAML_ALIASES = 1000;
const MAX_ALIASES = MAX_YAML_ALIASES;

export type ManifestProblem = { document: number; message: string };
export type ManifestSummary = {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  /** 1-based, as in the messages; `item` (1-based) when the object is an item of a List. */
  document: number;
  item?: number;
};

// Limits every Kubernetes object shares, whatever its kind (names' character rules differ by
// kind, e.g. ClusterRole names may hold ':', so the API server judges those).
const MAX_NAME_LENGTH = 253;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

type YamlErrorLike = { readonly message: string; readonly linePos?: readonly { line: number; col: number }[] };

/**
 * One clean sentence for a YAML syntax error: "YAML error at line 2, column 8: Missing closing
 * "quote". The yaml package's message ends its first line with " at line 2, column 8:" (the
 * snippet follows on the next lines); that tail is replaced by the position taken from linePos.
 */
export function describeYamlError(error: YamlErrorLike, where?: string): string {
  const text = error.message
    .split("\n")[0]!
    .replace(/\s*at line \d+, column \d+:?\s*$/, "")
    .replace(/:\s*$/, "");
  const position = error.linePos?.[0];
  const at = position ? `line ${position.line}, column ${position.col}` : undefined;
  if (where) return `YAML error in ${where}${at ? `, ${at}` : ""}: ${text}`;
  return at ? `YAML error at ${at}: ${text}` : `YAML error: ${text}`;
}

export function checkManifestYaml(text: string): { problems: ManifestProblem[]; objects: ManifestSummary[] } {
  const problems: ManifestProblem[] = [];
  const objects: ManifestSummary[] = [];
  const documents = parseAllDocuments(text, KUBECTL_YAML_OPTIONS);
  const list = Array.isArray(documents) ? documents : [documents];
  list.forEach((document, index) => {
    const number = index + 1;
    if (document.errors.length > 0) {
      problems.push({ document: number, message: describeYamlError(document.errors[0]!) });
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
    const cycle = findCycle(value);
    if (cycle) {
      problems.push({ document: number, message: `YAML error: ${cycle}` });
      return;
    }
    const items = isList(value) ? (value as { items: unknown[] }).items : [value];
    items.forEach((item, itemIndex) => {
      const where = isList(value) ? `item ${itemIndex + 1} of the List` : "";
      const problem = checkObject(item);
      if (problem) problems.push({ document: number, message: where ? `${where}: ${problem}` : problem });
      else objects.push(summarize(item as KubeObjectShape, number, isList(value) ? itemIndex + 1 : undefined));
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
  if (missing.length) return `missing ${missing.join(", ")}${nameTypeHint(object)}`;
  const name = metadata!.name as string;
  if (name.length > MAX_NAME_LENGTH) return `metadata.name is ${name.length} characters long; Kubernetes allows at most ${MAX_NAME_LENGTH}`;
  const namespace = metadata!.namespace;
  if (namespace !== undefined && namespace !== null && (typeof namespace !== "string" || namespace.length > 63 || !DNS_LABEL.test(namespace)))
    return "metadata.namespace must be a namespace name: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit";
  return undefined;
}

function summarize(object: KubeObjectShape, document: number, item: number | undefined): ManifestSummary {
  const summary: ManifestSummary = { apiVersion: object.apiVersion, kind: object.kind, name: object.metadata.name, document };
  if (typeof object.metadata.namespace === "string" && object.metadata.namespace) summary.namespace = object.metadata.namespace;
  if (item !== undefined) summary.item = item;
  return summary;
}

/** Why metadata.name is missing when it is there but not a string (`name: yes`, `name: 0644`). */
export function nameTypeHint(object: Record<string, unknown>): string {
  const metadata = object.metadata as Record<string, unknown> | undefined;
  const name = typeof metadata === "object" && metadata !== null ? metadata.name : undefined;
  if (name === undefined || name === null || typeof name === "string") return "";
  return ` (metadata.name is read as the ${typeof name} ${JSON.stringify(name)}, as kubectl reads YAML 1.1: quote the name)`;
}

/**
 * A message when the value holds itself (`data: &d {self: *d}`): such a value has no JSON form,
 * so kubectl cannot send it. Shared values (the same alias used twice) are fine.
 */
export function findCycle(root: unknown): string | undefined {
  const onPath = new Set<object>();
  const visit = (value: unknown): boolean => {
    if (typeof value !== "object" || value === null) return false;
    if (onPath.has(value)) return true;
    onPath.add(value);
    const found = (value instanceof Map ? [...value.values()] : Object.values(value)).some(visit);
    onPath.delete(value);
    return found;
  };
  try {
    return visit(root) ? "an alias refers to a node that contains it (a cycle); Kubernetes objects must be trees" : undefined;
  } catch {
    return "the document is nested too deeply";
  }
}

/** Where an object of a step was written, for messages: "document 3", "b.yaml (document 1)". */
export type PlacedObject = { object: ManifestSummary; file?: string };

/**
 * Messages for objects written twice in one step (same API group, kind, namespace and name):
 * applying both, the second silently replaces the first. An inline text's messages start with
 * "Document N: " like its other messages; files' messages name both files.
 */
export function findDuplicateObjects(placed: PlacedObject[]): string[] {
  const seen = new Map<string, PlacedObject>();
  const messages: string[] = [];
  const where = ({ object, file }: PlacedObject) => {
    const position = `document ${object.document}${object.item ? `, item ${object.item}` : ""}`;
    return file ? `${file} (${position})` : position;
  };
  for (const entry of placed) {
    const { object } = entry;
    const group = object.apiVersion.includes("/") ? object.apiVersion.split("/")[0] : "";
    const key = [group, object.kind, object.namespace ?? "", object.name].join("\u0000");
    const first = seen.get(key);
    if (!first) {
      seen.set(key, entry);
      continue;
    }
    const label = `${object.kind} ${object.namespace ? `${object.namespace}/` : ""}${object.name}`;
    const plain = !first.file && !entry.file && !first.object.item && !object.item;
    const places = plain ? `documents ${first.object.document} and ${object.document}` : `${where(first)} and ${where(entry)}`;
    const prefix = entry.file ? "" : `Document ${object.document}: `;
    messages.push(`${prefix}${label} is defined twice (${places}); the second would silently replace the first`);
  }
  return messages;
}

/**
 * The first problem of a YAML text that is not necessarily a Kubernetes object (a kustomization,
 * a patch): a syntax error (with its line), an alias bomb or a cycle. Each document's value is
 * passed to `each` (1-based document number) when it parses.
 */
export function checkYamlText(text: string, each?: (value: unknown, document: number) => void): string | undefined {
  const documents = parseAllDocuments(text, KUBECTL_YAML_OPTIONS);
  const list = Array.isArray(documents) ? documents : [documents];
  for (const [index, document] of list.entries()) {
    const where = list.length > 1 ? `document ${index + 1}: ` : "";
    if (document.errors.length > 0) return `${where}${describeYamlError(document.errors[0]!)}`;
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (error) {
      return `${where}YAML error: ${(error as Error).message}`;
    }
    const cycle = findCycle(value);
    if (cycle) return `${where}YAML error: ${cycle}`;
    each?.(value, index + 1);
  }
  return undefined;
}
