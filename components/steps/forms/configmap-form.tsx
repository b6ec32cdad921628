"use client";
// Step type 5: Configure and apply a Kubernetes ConfigMap.
import { fieldSetter, type ConfigDrafts } from "../step-draft.ts";
import { FieldGrid, FormSection } from "../fields/form-section.tsx";
import { TextField } from "../fields/text-field.tsx";
import { NamespaceField } from "../fields/namespace-field.tsx";
import { KeyValueList, LabelList } from "../fields/key-value-list.tsx";

type ConfigMapConfig = ConfigDrafts["configmap"];

export function ConfigMapForm({ value, onChange }: { value: ConfigMapConfig; onChange: (next: ConfigMapConfig) => void }) {
  const set = fieldSetter(value, onChange);
  return (
    <FormSection title="ConfigMap">
      <FieldGrid>
        <TextField label="ConfigMap name" path="config.name" value={value.name} placeholder="e.g. web-config" onChange={set("name")} />
        <NamespaceField value={value.namespace} onChange={set("namespace")} />
      </FieldGrid>
      <LabelList path="config.labels" labels={value.labels} onChange={set("labels")} />
      <KeyValueList
        legend="Data"
        path="config.data"
        entries={value.data}
        onChange={set("data")}
        addLabel="Add key"
        multiline
        keyPlaceholder="e.g. app.properties"
        hint="Values may span several lines (a whole config file)."
      />
    </FormSection>
  );
}
