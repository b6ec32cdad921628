// Secret values of "Deploy Kubernetes YAML" steps, treated like the Secret step's values: sealed
// before they are stored (the stored text holds "<redacted>" in their place and `sealedValues`
// holds them sealed), never shown (every read sees "<redacted>"), and kept when a save sends
// "<redacted>" back at the same Secret, section and key, like a password field left untouched.
import type { Sealer } from "../security/credentials.ts";
import type { SealedYamlValue, YamlStepConfig } from "../contracts/steps/yaml.ts";
import type { FieldIssue } from "../contracts/api-errors.ts";
import { FieldValidationError } from "../errors.ts";
import { REDACTED } from "../kube/sanitize.ts";
import { describeKey, findSecretValueSlots, replaceSlots, type SecretValueSlot } from "./yaml-secret-slots.ts";

type Config = Record<string, unknown>;
type StoredFile = { path: string; content: string };
type Identity = Pick<SealedYamlValue, "file" | "document" | "item" | "name" | "namespace" | "section" | "key">;

/** Shown instead of a text stored before sealing that cannot be read to redact it. */
export const WITHHELD_YAML =
  "# kdeploy withheld this YAML: it could not be read to redact its Secret values.\n# Paste it again; Secret values are sealed when the step is saved.\n";

/**
 * The configuration to store: every Secret value sealed into `sealedValues`, "<redacted>" in the
 * texts. A "<redacted>" value keeps the value stored at the same Secret/section/key of
 * `previous` (the step's stored configuration, or that of the step an import replaces).
 */
export function storableYamlConfig(config: YamlStepConfig, previous: Config | undefined, sealer: Sealer): Config {
  const stored = storedValues(previous, sealer);
  const issues: FieldIssue[] = [];
  const sealedValues: SealedYamlValue[] = [];
  const seal = (file: string | null, text: string, path: string): string => {
    const { slots, problems } = findSecretValueSlots(text);
    issues.push(
      ...problems.map((problem) => ({ path, message: `${file === null ? "Document" : `${file}, document`} ${problem.document}: ${problem.message}` })),
    );
    const changed: SecretValueSlot[] = [];
    for (const slot of slots) {
      const identity = identityOf(file, slot);
      if (slot.value !== REDACTED) {
        sealedValues.push({ ...identity, sealedValue: sealer.seal(slot.value) });
        changed.push(slot);
        continue;
      }
      const kept = stored(identity);
      if (kept !== undefined) sealedValues.push({ ...identity, sealedValue: kept });
      else
        issues.push({
          path,
          message: `The value of ${describeKey(slot.section, slot.key)} in Secret ${slot.name} was redacted and has no stored value; type it again`,
        });
    }
    return changed.length ? redactChecked(text, changed) : text;
  };
  const yaml = seal(null, config.yaml, "config.yaml");
  const files = config.files.map((file, index) => ({ ...file, content: seal(file.path, file.content, `config.files.${index}.content`) }));
  if (issues.length) throw new FieldValidationError(issues);
  return { ...config, yaml, files, sealedValues };
}

/**
 * For a one-off pass over rows stored before sealing (Step and ReleaseStep configs of YAML steps):
 * the same configuration with its clear values sealed, or undefined when there is nothing to do
 * (already sealed) or it cannot be done safely (a text that does not parse, a value behind an
 * alias); such a row stays as it is and every read keeps redacting it.
 */
export function sealLegacyYamlConfig(config: Config, sealer: Sealer): Config | undefined {
  if (Array.isArray(config.sealedValues)) return undefined;
  const shaped = { ...config, yaml: typeof config.yaml === "string" ? config.yaml : "", files: Array.isArray(config.files) ? config.files : [] };
  try {
    return storableYamlConfig(shaped as YamlStepConfig, undefined, sealer);
  } catch (error) {
    if (error instanceof FieldValidationError) return undefined;
    throw error;
  }
}

/** What the browser, an export and a release view see: the texts with "<redacted>", no sealed values. */
export function viewableYamlConfig(config: Config): Config {
  const { sealedValues, ...view } = config;
  if (Array.isArray(sealedValues)) return view; // sealed when saved: the texts hold "<redacted>" already
  // Stored before Secret values were sealed: the row holds them in clear until the step is saved
  // again, so every read redacts them.
  return {
    ...view,
    ...(typeof view.yaml === "string" ? { yaml: redactYamlText(view.yaml) } : {}),
    ...(Array.isArray(view.files) ? { files: (view.files as StoredFile[]).map((file) => ({ ...file, content: redactYamlText(file.content) })) } : {}),
  };
}

/** A YAML text with every Secret value replaced by "<redacted>"; withheld whole when that cannot be done safely. */
export function redactYamlText(text: string): string {
  const { slots, problems } = findSecretValueSlots(text);
  if (problems.length) return WITHHELD_YAML;
  const clear = slots.filter((slot) => slot.value !== REDACTED);
  return clear.length ? replaceSlots(text, clear, REDACTED) : text;
}

function identityOf(file: string | null, slot: SecretValueSlot): Identity {
  return { file, document: slot.document, item: slot.item, name: slot.name, namespace: slot.namespace, section: slot.section, key: slot.key };
}

/** Replaces the values and proves the result holds no value in clear (the stored text must not). */
function redactChecked(text: string, changed: SecretValueSlot[]): string {
  const redacted = replaceSlots(text, changed, REDACTED);
  const before = findSecretValueSlots(text).slots.length;
  const after = findSecretValueSlots(redacted);
  if (after.problems.length || after.slots.length !== before || after.slots.some((slot) => slot.value !== REDACTED))
    throw new Error("Redacting the Secret values of a YAML text did not leave exactly one <redacted> per value");
  return redacted;
}

/**
 * Looks up the sealed value a "<redacted>" stands for: the same Secret (namespace and name as
 * written), section and key; the same position first when a step holds one Secret twice. A Secret
 * that only gained or lost its namespace still finds its values when its name is unambiguous.
 */
function storedValues(previous: Config | undefined, sealer: Sealer): (identity: Identity) => string | undefined {
  const candidates = previousValues(previous, sealer);
  const sameValue = (a: Identity, b: Identity) => a.name === b.name && a.section === b.section && a.key === b.key;
  const samePosition = (a: Identity, b: Identity) => a.file === b.file && a.document === b.document && a.item === b.item;
  return (identity) => {
    let matches = candidates.filter((candidate) => sameValue(candidate, identity) && candidate.namespace === identity.namespace);
    if (matches.length === 0) {
      const byName = candidates.filter((candidate) => sameValue(candidate, identity));
      if (new Set(byName.map((candidate) => candidate.namespace)).size === 1) matches = byName;
    }
    return (matches.find((candidate) => samePosition(candidate, identity)) ?? matches[0])?.sealed();
  };
}

function previousValues(previous: Config | undefined, sealer: Sealer): (Identity & { sealed: () => string })[] {
  if (!previous) return [];
  if (Array.isArray(previous.sealedValues)) return (previous.sealedValues as SealedYamlValue[]).map((value) => ({ ...value, sealed: () => value.sealedValue }));
  // Stored before sealing: the clear values in the old text are what "<redacted>" stood for.
  const texts: { file: string | null; text: string }[] = [
    { file: null, text: typeof previous.yaml === "string" ? previous.yaml : "" },
    ...(Array.isArray(previous.files) ? (previous.files as StoredFile[]).map((file) => ({ file: file.path, text: file.content })) : []),
  ];
  return texts.flatMap(({ file, text }) =>
    findSecretValueSlots(text)
      .slots.filter((slot) => slot.value !== REDACTED)
      .map((slot) => ({ ...identityOf(file, slot), sealed: () => sealer.seal(slot.value) })),
  );
}
