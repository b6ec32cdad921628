"use client";
import type { ConfigDrafts } from "../step-draft.ts";
import { FieldGrid } from "../fields/form-section.tsx";
import { TextField } from "../fields/text-field.tsx";
import { OptionalPart } from "../fields/optional-part.tsx";
import { ServiceTypeField } from "../fields/service-type-field.tsx";
import { ServicePortList } from "../fields/service-port-list.tsx";

type ServicePart = ConfigDrafts["kubernetes-resources"]["service"];
const path = "config.service";

/** The optional Service in front of the Deployment's pods. */
export function ResourcesServicePart({
  value,
  onChange,
  deploymentName,
}: {
  value: ServicePart;
  onChange: (next: ServicePart) => void;
  deploymentName: string;
}) {
  return (
    <OptionalPart
      title="Service"
      checkboxLabel="Create a Service"
      hint="Selects the Deployment's pods and gives them one stable address."
      path={`${path}.enabled`}
      enabled={value.enabled}
      onEnabledChange={(enabled) => onChange({ ...value, enabled })}
    >
      <FieldGrid>
        <TextField
          label="Service name"
          path={`${path}.name`}
          value={value.name}
          placeholder={`default: ${deploymentName || "the Deployment's name"}`}
          hint="Empty: the Deployment's name."
          onChange={(name) => onChange({ ...value, name })}
        />
        <ServiceTypeField path={`${path}.type`} value={value} onChange={onChange} />
      </FieldGrid>
      <ServicePortList
        path={`${path}.ports`}
        ports={value.ports}
        onChange={(ports) => onChange({ ...value, ports })}
        showNodePort={value.type !== "ClusterIP"}
      />
    </OptionalPart>
  );
}
