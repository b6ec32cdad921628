"use client";
// Step type 6: Configure and apply a Kubernetes Secret. Stored values are never sent back.
import { SECRET_TYPES } from "@/server/contracts/steps/index.ts";
import { fieldSetter, type ConfigDrafts } from "../step-draft.ts";
import { FieldGrid, FormSection } from "../fields/form-section.tsx";
import { TextField } from "../fields/text-field.tsx";
import { SelectField } from "../fields/select-field.tsx";
import { NamespaceField } from "../fields/namespace-field.tsx";
import { LabelList } from "../fields/key-value-list.tsx";
import { SecretEntryList } from "../fields/secret-entry-list.tsx";

type SecretConfig = ConfigDrafts["secret"];

export function SecretForm({ value, onChange }: { value: SecretConfig; onChange: (next: SecretConfig) => void }) {
  const set = fieldSetter(value, onChange);
  return (
    <FormSection title="Secret">
      <FieldGrid>
        <TextField label="Secret name" path="config.name" value={value.name} placeholder="e.g. web-credentials" onChange={set("name")} />
        <NamespaceField value={value.namespace} onChange={set("namespace")} />
        <SelectField label="Secret type" path="config.type" value={value.type} options={SECRET_TYPES} onChange={set("type")} />
      </FieldGrid>
      <LabelList path="config.labels" labels={value.labels} onChange={set("labels")} />
      <SecretEntryList path="config.data" entries={value.data} onChange={set("data")} />
    </FormSection>
  );
}
