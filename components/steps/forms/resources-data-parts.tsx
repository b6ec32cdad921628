"use client";
// The optional ConfigMap and Secret of "configure and apply resources", both loaded into every
// container with envFrom.
import type { ConfigDrafts } from "../step-draft.ts";
import { FieldGrid } from "../fields/form-section.tsx";
import { TextField } from "../fields/text-field.tsx";
import { OptionalPart } from "../fields/optional-part.tsx";
import { KeyValueList } from "../fields/key-value-list.tsx";
import { SecretEntryList } from "../fields/secret-entry-list.tsx";

type Parts = ConfigDrafts["kubernetes-resources"];

/** Turning a part on offers its first row right away. */
const withFirstRow = <T extends { key: string; value: string }>(data: T[]) => (data.length ? data : [{ key: "", value: "" } as T]);

export function ResourcesConfigMapPart({
  value,
  onChange,
  deploymentName,
}: {
  value: Parts["configMap"];
  onChange: (next: Parts["configMap"]) => void;
  deploymentName: string;
}) {
  return (
    <OptionalPart
      title="ConfigMap"
      checkboxLabel="Create a ConfigMap"
      hint="Its keys become environment variables of every container."
      path="config.configMap.enabled"
      enabled={value.enabled}
      onEnabledChange={(enabled) => onChange({ ...value, enabled, data: withFirstRow(value.data) })}
    >
      <FieldGrid>
        <TextField
          label="ConfigMap name"
          path="config.configMap.name"
          value={value.name}
          placeholder={`default: ${deploymentName || "<deployment>"}-config`}
          hint="Empty: the Deployment's name + -config."
          onChange={(name) => onChange({ ...value, name })}
        />
      </FieldGrid>
      <KeyValueList
        legend="ConfigMap data"
        path="config.configMap.data"
        entries={value.data}
        onChange={(data) => onChange({ ...value, data })}
        keyLabel="ConfigMap key"
        valueLabel="ConfigMap value"
        addLabel="Add ConfigMap key"
        multiline
      />
    </OptionalPart>
  );
}

export function ResourcesSecretPart({
  value,
  onChange,
  deploymentName,
}: {
  value: Parts["secret"];
  onChange: (next: Parts["secret"]) => void;
  deploymentName: string;
}) {
  return (
    <OptionalPart
      title="Secret"
      checkboxLabel="Create a Secret"
      hint="Its keys become environment variables of every container; values are encrypted at rest."
      path="config.secret.enabled"
      enabled={value.enabled}
      onEnabledChange={(enabled) => onChange({ ...value, enabled, data: withFirstRow(value.data) })}
    >
      <FieldGrid>
        <TextField
          label="Secret name"
          path="config.secret.name"
          value={value.name}
          placeholder={`default: ${deploymentName || "<deployment>"}-secret`}
          hint="Empty: the Deployment's name + -secret."
          onChange={(name) => onChange({ ...value, name })}
        />
      </FieldGrid>
      <SecretEntryList legend="Secret data" path="config.secret.data" entries={value.data} onChange={(data) => onChange({ ...value, data })} />
    </OptionalPart>
  );
}
