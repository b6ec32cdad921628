"use client";
// One container of the Deployment: image, ports, environment, arguments, resources, probe.
import type { ConfigDrafts } from "../step-draft.ts";
import { FieldGrid } from "../fields/form-section.tsx";
import { TextField } from "../fields/text-field.tsx";
import { ContainerPortList } from "../fields/container-port-list.tsx";
import { KeyValueList } from "../fields/key-value-list.tsx";
import { StringList } from "../fields/string-list.tsx";
import { ContainerResourcesFields } from "./container-resources-fields.tsx";
import { ReadinessProbeFields } from "./readiness-probe-fields.tsx";

export type ContainerDraft = ConfigDrafts["kubernetes-resources"]["deployment"]["containers"][number];

export function ContainerEditor({
  path,
  number,
  value,
  onChange,
}: {
  path: string;
  number: number;
  value: ContainerDraft;
  onChange: (next: ContainerDraft) => void;
}) {
  const prefix = `Container ${number}`;
  return (
    <div className="flex flex-col gap-4">
      <FieldGrid>
        <TextField label={`${prefix} name`} path={`${path}.name`} value={value.name} placeholder="e.g. app" onChange={(name) => onChange({ ...value, name })} />
        <TextField
          label={`${prefix} image`}
          path={`${path}.image`}
          value={value.image}
          placeholder="e.g. ghcr.io/acme/web:1.4.2"
          monospace
          onChange={(image) => onChange({ ...value, image })}
        />
      </FieldGrid>
      <ContainerPortList path={`${path}.ports`} labelPrefix={prefix} ports={value.ports} onChange={(ports) => onChange({ ...value, ports })} />
      <KeyValueList
        legend="Environment variables"
        path={`${path}.env`}
        entries={value.env}
        onChange={(env) => onChange({ ...value, env })}
        keyLabel={`${prefix} variable name`}
        valueLabel={`${prefix} variable value`}
        addLabel="Add variable"
        keyPlaceholder="e.g. LOG_LEVEL"
        valuePlaceholder="e.g. info"
      />
      <StringList
        legend="Arguments"
        path={`${path}.args`}
        items={value.args}
        onChange={(args) => onChange({ ...value, args })}
        itemLabel={`${prefix} argument`}
        addLabel="Add argument"
        hint="Passed to the image's entrypoint, one per row."
      />
      <ContainerResourcesFields
        path={`${path}.resources`}
        prefix={prefix}
        value={value.resources}
        onChange={(resources) => onChange({ ...value, resources })}
      />
      <ReadinessProbeFields
        path={`${path}.readinessProbe`}
        prefix={prefix}
        value={value.readinessProbe}
        onChange={(readinessProbe) => onChange({ ...value, readinessProbe })}
      />
    </div>
  );
}
