// Where the Secret values of a Kubernetes YAML text are: every value under `data` and
// `stringData` of each v1 Secret (a document, or an item of a List document) and kubectl's
// last-applied annotation, which copies them. Found with the yaml Document API, read the way
// kubectl reads it (YAML 1.1), each with its range in the text, so that sealing and redacting can
// replace exactly those characters and leave the rest of the user's text (comments, layout) alone.
//
// The set of values is taken from the objects kubectl would send (document.toJS), then each one
// is located in the syntax tree. A value that cannot be located as a plain scalar of its own
// (reached through an alias, brought in by a `<<` merge key, carrying an anchor another node may
// reference) is a problem: replacing it in the text would not replace it everywhere it is used.
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Node, type Pair, type YAMLMap } from "yaml";
import type { YamlSecretSection } from "../contracts/steps/yaml.ts";
import { isSecret } from "../kube/sanitize.ts";
import { KUBECTL_YAML_OPTIONS, MAX_YAML_ALIASES } from "../deploy/render/manifest-yaml.ts";
import { describeYamlError } from "../contracts/manifests.ts";

const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

export type SecretValueSlot = {
  /** 0-based index among all documents of the text. */
  document: number;
  /** Index in `items` when the document is a List kind. */
  item: number | null;
  name: string;
  namespace: string;
  section: YamlSecretSection;
  key: string;
  /** The value as a string, as it is sent (a plain `5432` is "5432"). */
  value: string;
  /** [start, end) of the value's characters in the text. */
  range: [number, number];
};

/** A message for a field error; `document` is 1-based, as the editor's other messages are. */
export type SlotProblem = { document: number; message: string };

export function findSecretValueSlots(text: string): { slots: SecretValueSlot[]; problems: SlotProblem[] } {
  const slots: SecretValueSlot[] = [];
  const problems: SlotProblem[] = [];
  if (!text.trim()) return { slots, problems };
  const parsed = parseAllDocuments(text, KUBECTL_YAML_OPTIONS);
  const documents = Array.isArray(parsed) ? parsed : [];
  documents.forEach((document, index) => {
    const fail = (message: string) => problems.push({ document: index + 1, message });
    if (document.errors.length) return fail(describeYamlError(document.errors[0]!));
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    } catch (error) {
      return fail(`YAML error: ${(error as Error).message}`);
    }
    const located = (node: unknown, object: Record<string, unknown>, item: number | null, where: string) =>
      locateValues(node, object, { document: index, item }, where, slots, fail);
    if (isList(value)) {
      const itemsNode = mapValue(document.contents, "items");
      value.items.forEach((object, item) => {
        if (!isRecord(object) || !isSecret(object as { kind?: string; apiVersion?: string })) return;
        located(isSeq(itemsNode) ? itemsNode.items[item] : undefined, object, item, `item ${item + 1} of the ${value.kind}`);
      });
    } else if (isRecord(value) && isSecret(value as { kind?: string; apiVersion?: string })) {
      located(document.contents, value, null, "the Secret");
    }
  });
  // In text order, so messages read top to bottom.
  return { slots: slots.sort((a, b) => a.range[0] - b.range[0]), problems };
}

/** The text with every slot's characters replaced (slots of one text, any order). */
export function replaceSlots(text: string, slots: SecretValueSlot[], replacement: string): string {
  let result = text;
  for (const slot of [...slots].sort((a, b) => b.range[0] - a.range[0])) {
    const [start, end] = slot.range;
    // A block scalar's range ends with its line break; keep one so the next key stays on its line.
    const lineBreak = /\r?\n$/.exec(text.slice(start, end))?.[0] ?? "";
    result = result.slice(0, start) + replacement + lineBreak + result.slice(end);
  }
  return result;
}

type Position = { document: number; item: number | null };

function locateValues(
  node: unknown,
  object: Record<string, unknown>,
  position: Position,
  where: string,
  slots: SecretValueSlot[],
  fail: (message: string) => void,
) {
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  const identity = { name: String(metadata.name ?? ""), namespace: typeof metadata.namespace === "string" ? metadata.namespace : "" };
  const label = `${where}${identity.name ? ` "${identity.name}"` : ""}`;
  const secretMap = plainMap(node);
  if (!secretMap) return fail(`${capitalize(label)} is written with a YAML alias or anchor; write Secrets out in full so their values can be sealed`);
  const annotations = isRecord(metadata.annotations) ? metadata.annotations : {};
  const sections: [YamlSecretSection, Record<string, unknown>, () => unknown][] = [
    ["data", isRecord(object.data) ? object.data : {}, () => mapValue(secretMap, "data")],
    ["stringData", isRecord(object.stringData) ? object.stringData : {}, () => mapValue(secretMap, "stringData")],
    [
      "annotations",
      LAST_APPLIED in annotations ? { [LAST_APPLIED]: annotations[LAST_APPLIED] } : {},
      () => mapValue(plainMap(mapValue(secretMap, "metadata")), "annotations"),
    ],
  ];
  for (const section of ["data", "stringData"] as const) {
    const written = object[section];
    if (written !== null && written !== undefined && !isRecord(written)) fail(`In ${label}, ${section} must be a mapping of keys to values`);
  }
  for (const [section, values, sectionNode] of sections) {
    const keys = Object.keys(values).filter((key) => values[key] !== null && values[key] !== undefined);
    if (keys.length === 0) continue;
    const map = plainMap(sectionNode());
    for (const key of keys) {
      const pair = map ? findPair(map, key) : undefined;
      const scalar = pair?.value;
      if (!map || !pair || !isScalar(scalar) || scalar.anchor || !scalar.range) {
        fail(
          `In ${label}, the value of ${describeKey(section, key)} is not written out as one plain value (it uses a YAML alias, anchor or merge key, or is a list or mapping); write it out so it can be sealed`,
        );
        continue;
      }
      const value = typeof scalar.value === "string" ? scalar.value : (scalar.source ?? String(scalar.value));
      slots.push({ ...position, ...identity, section, key, value, range: [scalar.range[0], scalar.range[1]] });
    }
  }
}

export function describeKey(section: YamlSecretSection, key: string): string {
  return section === "annotations" ? `annotation ${key}` : `key ${key}`;
}

/** A mapping node that is written where it is used (no alias, no anchor, no merge key). */
function plainMap(node: unknown): YAMLMap | undefined {
  if (!isMap(node) || node.anchor) return undefined;
  if (node.items.some((pair) => isAlias(pair.key) || (isScalar(pair.key) && pair.key.value === "<<"))) return undefined;
  return node;
}

function mapValue(node: unknown, key: string): unknown {
  return isMap(node) ? findPair(node, key)?.value : undefined;
}

/** The pair whose key reads as `key` in the JSON object (YAML 1.1 turns a key `y` into "true"). */
function findPair(map: YAMLMap, key: string): Pair<unknown, Node | null> | undefined {
  return (map.items as Pair<unknown, Node | null>[]).find((pair) => isScalar(pair.key) && String(pair.key.value) === key && !pair.key.anchor);
}

function isList(value: unknown): value is { kind: string; items: unknown[] } {
  return isRecord(value) && typeof value.kind === "string" && value.kind.endsWith("List") && Array.isArray(value.items);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
