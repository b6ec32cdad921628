// Puts the sealed Secret values of a YAML step back into its objects, in memory, just before they
// are applied (the stored text holds "<redacted>" in their place; see
// server/process/yaml-secret-values.ts). Values are not substituted: like the Secret step's
// values they are opaque, so a variable token inside one stays as written and is never logged.
import type { SealedYamlValue } from "../../contracts/steps/yaml.ts";
import type { Sealer } from "../../security/credentials.ts";
import { isSecret, REDACTED } from "../../kube/sanitize.ts";
import { RenderError } from "./render-error.ts";
import type { KubeObject } from "./form-objects.ts";

const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

type Values = Record<string, unknown>;
const isRecord = (value: unknown): value is Values => typeof value === "object" && value !== null && !Array.isArray(value);

/** The `prepare` hook of parseManifestYaml for one text of the step (inline YAML or one file). */
export function unsealInto(entries: SealedYamlValue[], sealer: Sealer, source: string) {
  return (value: unknown, documentIndex: number): unknown => {
    for (const entry of entries) {
      if (entry.document !== documentIndex) continue;
      const where = `${source}, document ${documentIndex + 1}${entry.item === null ? "" : `, item ${entry.item + 1}`}`;
      const target = entry.item === null ? value : isRecord(value) && Array.isArray(value.items) ? value.items[entry.item] : undefined;
      const values = isRecord(target) && isSecret(target) ? sectionOf(target, entry.section) : undefined;
      if (!values || values[entry.key] !== REDACTED)
        throw new RenderError(
          `The sealed value of key ${entry.key} in Secret ${entry.name} has no place in ${where}: the YAML changed shape after variable substitution`,
        );
      values[entry.key] = unseal(entry, sealer);
    }
    return value;
  };
}

/** A Secret value still "<redacted>" would be applied as that text: refuse instead. */
export function checkNothingRedacted(objects: KubeObject[]): void {
  for (const object of objects) {
    if (!isSecret(object)) continue;
    for (const section of ["data", "stringData", "annotations"] as const) {
      const values = sectionOf(object, section) ?? {};
      const key = Object.keys(values).find((name) => values[name] === REDACTED && (section !== "annotations" || name === LAST_APPLIED));
      if (key !== undefined)
        throw new RenderError(
          `The value of key ${key} in Secret ${object.metadata.name} is "${REDACTED}" and has no stored value; edit the step and type it again`,
        );
    }
  }
}

function sectionOf(object: Values, section: SealedYamlValue["section"]): Values | undefined {
  if (section !== "annotations") return isRecord(object[section]) ? object[section] : undefined;
  const metadata = object.metadata;
  return isRecord(metadata) && isRecord(metadata.annotations) ? metadata.annotations : undefined;
}

function unseal(entry: SealedYamlValue, sealer: Sealer): string {
  try {
    return sealer.unseal(entry.sealedValue);
  } catch (error) {
    throw new RenderError(`The value of key ${entry.key} in Secret ${entry.name} could not be unsealed: ${(error as Error).message}`);
  }
}
