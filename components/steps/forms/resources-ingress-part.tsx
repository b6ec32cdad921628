"use client";
import type { ConfigDrafts } from "../step-draft.ts";
import { FieldGrid } from "../fields/form-section.tsx";
import { TextField } from "../fields/text-field.tsx";
import { OptionalPart } from "../fields/optional-part.tsx";
import { IngressRuleList } from "../fields/ingress-rule-list.tsx";
import { IngressTlsList } from "../fields/ingress-tls-list.tsx";

type IngressPart = ConfigDrafts["kubernetes-resources"]["ingress"];
const path = "config.ingress";

/** The optional Ingress that routes outside traffic to the Service. */
export function ResourcesIngressPart({
  value,
  onChange,
  deploymentName,
}: {
  value: IngressPart;
  onChange: (next: IngressPart) => void;
  deploymentName: string;
}) {
  return (
    <OptionalPart
      title="Ingress"
      checkboxLabel="Create an Ingress"
      hint="Routes HTTP(S) traffic from outside the cluster to a Service."
      path={`${path}.enabled`}
      enabled={value.enabled}
      onEnabledChange={(enabled) => onChange({ ...value, enabled })}
    >
      <FieldGrid>
        <TextField
          label="Ingress name"
          path={`${path}.name`}
          value={value.name}
          placeholder={`default: ${deploymentName || "the Deployment's name"}`}
          hint="Empty: the Deployment's name."
          onChange={(name) => onChange({ ...value, name })}
        />
        <TextField
          label="Ingress class"
          path={`${path}.ingressClassName`}
          value={value.ingressClassName}
          placeholder="e.g. nginx"
          hint="Empty uses the cluster's default ingress class."
          onChange={(ingressClassName) => onChange({ ...value, ingressClassName })}
        />
      </FieldGrid>
      <IngressRuleList path={`${path}.rules`} rules={value.rules} onChange={(rules) => onChange({ ...value, rules })} defaultServiceName={deploymentName} />
      <IngressTlsList path={`${path}.tls`} entries={value.tls} onChange={(tls) => onChange({ ...value, tls })} />
    </OptionalPart>
  );
}
