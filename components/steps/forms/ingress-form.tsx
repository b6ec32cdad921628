"use client";
// Step type 7: Configure and apply a Kubernetes Ingress.
import { fieldSetter, type ConfigDrafts } from "../step-draft.ts";
import { FieldGrid, FormSection } from "../fields/form-section.tsx";
import { TextField } from "../fields/text-field.tsx";
import { NamespaceField } from "../fields/namespace-field.tsx";
import { KeyValueList, LabelList } from "../fields/key-value-list.tsx";
import { IngressRuleList } from "../fields/ingress-rule-list.tsx";
import { IngressTlsList } from "../fields/ingress-tls-list.tsx";

type IngressConfig = ConfigDrafts["ingress"];

export function IngressForm({ value, onChange }: { value: IngressConfig; onChange: (next: IngressConfig) => void }) {
  const set = fieldSetter(value, onChange);
  return (
    <FormSection title="Ingress">
      <FieldGrid>
        <TextField label="Ingress name" path="config.name" value={value.name} placeholder="e.g. web" onChange={set("name")} />
        <NamespaceField value={value.namespace} onChange={set("namespace")} />
        <TextField
          label="Ingress class"
          path="config.ingressClassName"
          value={value.ingressClassName}
          placeholder="e.g. nginx"
          hint="Empty uses the cluster's default ingress class."
          onChange={set("ingressClassName")}
        />
      </FieldGrid>
      <IngressRuleList path="config.rules" rules={value.rules} onChange={set("rules")} />
      <IngressTlsList path="config.tls" entries={value.tls} onChange={set("tls")} />
      <KeyValueList
        legend="Annotations"
        path="config.annotations"
        entries={value.annotations}
        onChange={set("annotations")}
        keyLabel="Annotation key"
        valueLabel="Annotation value"
        addLabel="Add annotation"
        keyPlaceholder="e.g. nginx.ingress.kubernetes.io/rewrite-target"
        valuePlaceholder="e.g. /"
      />
      <LabelList path="config.labels" labels={value.labels} onChange={set("labels")} />
    </FormSection>
  );
}
