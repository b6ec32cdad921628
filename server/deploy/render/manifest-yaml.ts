// Parses Kubernetes manifests the way kubectl does, so a manifest that works with `kubectl apply`
// works here. kubectl reads YAML 1.1 (sigs.k8s.io/yaml over go-yaml v2): `defaultMode: 0644` is
// octal 420 and `yes`/`on` are booleans. YAML 1.2 (the `yaml` package's default) would read 0644
// as decimal 644 and the API server would reject the volume. go-yaml v2 keeps timestamps and
// sexagesimal numbers (`12:30`) as strings when decoding to JSON, so those tags are turned off.
import { parseAllDocuments } from "yaml";
import type { KubeObject } from "./form-objects.ts";
import { RenderError } from "./render-error.ts";
import { describeYamlError, findCycle, KUBECTL_YAML_OPTIONS, MAX_YAML_ALIASES, nameTypeHint } from "../../contracts/manifests.ts";

// The options live with the check at save (server/contracts/manifests.ts), so the API and the
// browser read a text exactly as this renderer and kubectl do.
export { KUBECTL_YAML_OPTIONS, MAX_YAML_ALIASES };

/**
 * Every object of a multi-document YAML text, in document order, with `List` kinds (v1 List,
 * ConfigMapList, ...) replaced by their items. Empty documents are skipped.
 * @param source how the task log names this text: "inline YAML", "file k8s/web.yaml"
 * @param prepare called with each document's value and its 0-based index among all documents of
 *   the text (empty ones included), before List kinds are expanded (the YAML step puts sealed
 *   Secret values back here)
 */
export function parseManifestYaml(text: string, source: string, prepare?: (value: unknown, documentIndex: number) => unknown): KubeObject[] {
  const documents = parseAllDocuments(text, KUBECTL_YAML_OPTIONS);
  // parseAllDocuments returns an EmptyStream (not an array) for a text with no documents at all.
  if (!Array.isArray(documents)) return [];
  const objects: KubeObject[] = [];
  documents.forEach((document, index) => {
    const where = `${source}, document ${index + 1}`;
    const error = document.errors[0];
    if (error) throw new RenderError(describeYamlError(error, where));
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    } catch (cause) {
      throw new RenderError(`YAML error in ${where}: ${(cause as Error).message}`);
    }
    const cycle = findCycle(value);
    if (cycle) throw new RenderError(`YAML error in ${where}: ${cycle}`);
    if (prepare) value = prepare(value, index);
    if (value === null || value === undefined) return;
    if (isList(value)) {
      value.items.forEach((item, itemIndex) => objects.push(checkObject(item, `${where}, item ${itemIndex + 1} of the ${value.kind}`)));
    } else {
      objects.push(checkObject(value, where));
    }
  });
  return objects;
}

function isList(value: unknown): value is { kind: string; items: unknown[] } {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as { kind?: unknown; items?: unknown };
  return typeof candidate.kind === "string" && candidate.kind.endsWith("List") && Array.isArray(candidate.items);
}

function checkObject(value: unknown, where: string): KubeObject {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new RenderError(`${capitalize(where)} is not a Kubernetes object (expected a mapping with apiVersion, kind and metadata)`);
  const object = value as Record<string, unknown>;
  const metadata = object.metadata as Record<string, unknown> | undefined;
  const missing = [
    typeof object.apiVersion === "string" && object.apiVersion ? undefined : "apiVersion",
    typeof object.kind === "string" && object.kind ? undefined : "kind",
    typeof metadata === "object" && metadata !== null && typeof metadata.name === "string" && metadata.name ? undefined : "metadata.name",
  ].filter((field) => field !== undefined);
  // generateName is not supported: server-side apply needs a name to be idempotent.
  if (missing.length) throw new RenderError(`${capitalize(where)} is missing ${missing.join(", ")}${nameTypeHint(object)}`);
  return object as KubeObject;
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
