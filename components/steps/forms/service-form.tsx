"use client";
// Step type 8: Configure and apply a Kubernetes Service.
import { fieldSetter, type ConfigDrafts } from "../step-draft.ts";
import { FieldGrid, FormSection } from "../fields/form-section.tsx";
import { TextField } from "../fields/text-field.tsx";
import { NamespaceField } from "../fields/namespace-field.tsx";
import { LabelList } from "../fields/key-value-list.tsx";
import { ServiceTypeField } from "../fields/service-type-field.tsx";
import { ServicePortList } from "../fields/service-port-list.tsx";

type ServiceConfig = ConfigDrafts["service"];

export function ServiceForm({ value, onChange }: { value: ServiceConfig; onChange: (next: ServiceConfig) => void }) {
  const set = fieldSetter(value, onChange);
  return (
    <FormSection title="Service">
      <FieldGrid>
        <TextField label="Service name" path="config.name" value={value.name} placeholder="e.g. web" onChange={set("name")} />
        <NamespaceField value={value.namespace} onChange={set("namespace")} />
        <ServiceTypeField path="config.type" value={value} onChange={onChange} />
      </FieldGrid>
      <LabelList
        path="config.selector"
        legend="Selector"
        labels={value.selector}
        onChange={set("selector")}
        hint="The Service sends traffic to pods that carry all of these labels."
      />
      <ServicePortList path="config.ports" ports={value.ports} onChange={set("ports")} showNodePort={value.type !== "ClusterIP"} />
      <LabelList path="config.labels" labels={value.labels} onChange={set("labels")} />
    </FormSection>
  );
}
