// The editor's working copy of a step. Numbers may be half-typed strings (the schemas coerce
// them) and secret entries remember which key already has a stored value.
import type {
  StepInput,
  StepType,
  YamlStepConfig,
  HelmStepConfig,
  KustomizeStepConfig,
  ResourcesStepConfig,
  ConfigMapStepConfig,
  SecretStepConfig,
  IngressStepConfig,
  ServiceStepConfig,
} from "@/server/contracts/steps/index.ts";
import type { HelmVerification, ObjectStatusVerification } from "@/server/contracts/verification.ts";
import { stepInput } from "@/server/contracts/steps/index.ts";
import { withoutUnknownFields } from "@/server/contracts/unknown-fields.ts";

/** A form value: every number may also be the text the user is typing. */
export type Draft<T> = T extends number
  ? number | string
  : T extends readonly (infer U)[]
    ? Draft<U>[]
    : T extends object
      ? { [K in keyof T]: Draft<T[K]> }
      : T;

/** `storedKey`: the key whose value the server holds; empty `value` keeps that stored value. */
export type SecretEntryDraft = { key: string; value: string; storedKey?: string };

export type ResourcesDraft = Omit<Draft<ResourcesStepConfig>, "secret"> & { secret: { enabled: boolean; name: string; data: SecretEntryDraft[] } };
export type SecretDraft = Omit<Draft<SecretStepConfig>, "data"> & { data: SecretEntryDraft[] };

export type ConfigDrafts = {
  "kubernetes-yaml": Draft<YamlStepConfig>;
  "helm-chart": Draft<HelmStepConfig>;
  kustomize: Draft<KustomizeStepConfig>;
  "kubernetes-resources": ResourcesDraft;
  configmap: Draft<ConfigMapStepConfig>;
  secret: SecretDraft;
  ingress: Draft<IngressStepConfig>;
  service: Draft<ServiceStepConfig>;
};

export type HelmVerificationDraft = Draft<HelmVerification>;
export type ObjectStatusVerificationDraft = Draft<ObjectStatusVerification>;

export type StepDraft = {
  [T in StepType]: {
    type: T;
    name: string;
    enabled: boolean;
    config: ConfigDrafts[T];
    verification: T extends "helm-chart" ? HelmVerificationDraft : ObjectStatusVerificationDraft;
  };
}[StepType];

/** Returns a setter per property, so forms update one field without repeating the spread. */
export function fieldSetter<T extends object>(value: T, onChange: (next: T) => void) {
  return <K extends keyof T>(key: K) =>
    (next: T[K]) =>
      onChange({ ...value, [key]: next });
}

/** Empty secret inputs are sent without a value: the server keeps the stored one (or asks for one). */
const secretEntriesInput = (entries: SecretEntryDraft[]) =>
  entries.map((entry) => (entry.value === "" ? { key: entry.key } : { key: entry.key, value: entry.value }));

/**
 * The request body for POST /steps, PUT /steps/:id and POST /steps/preview: only the fields the
 * step schema knows (the draft also keeps what it shows, and the server refuses unknown fields).
 */
export function toStepInput(draft: StepDraft): Record<string, unknown> {
  return withoutUnknownFields(stepInput, draftBody(draft));
}

function draftBody(draft: StepDraft): Record<string, unknown> {
  const base = { type: draft.type, name: draft.name, enabled: draft.enabled, verification: draft.verification };
  if (draft.type === "secret") return { ...base, config: { ...draft.config, data: secretEntriesInput(draft.config.data) } };
  if (draft.type === "kubernetes-resources") {
    const secret = draft.config.secret;
    return { ...base, config: { ...draft.config, secret: { ...secret, data: secretEntriesInput(secret.data) } } };
  }
  return { ...base, config: draft.config };
}

export type { StepInput };
