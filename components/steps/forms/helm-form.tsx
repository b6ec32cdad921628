"use client";
// Step type 2: Deploy a Helm chart with `helm upgrade --install`.
import { fieldSetter, type ConfigDrafts } from "../step-draft.ts";
import { FieldGrid, FormSection } from "../fields/form-section.tsx";
import { TextField } from "../fields/text-field.tsx";
import { YamlEditor } from "../fields/yaml-editor.tsx";
import { NamespaceField } from "../fields/namespace-field.tsx";
import { HelmChartSource } from "./helm-chart-source.tsx";

type HelmConfig = ConfigDrafts["helm-chart"];

export function HelmForm({ value, onChange }: { value: HelmConfig; onChange: (next: HelmConfig) => void }) {
  const set = fieldSetter(value, onChange);
  return (
    <>
      <FormSection title="Chart" description="The chart to install or upgrade.">
        <HelmChartSource value={value.chart} onChange={set("chart")} />
      </FormSection>
      <FormSection title="Release">
        <FieldGrid>
          <TextField
            label="Release name"
            path="config.releaseName"
            value={value.releaseName}
            placeholder="e.g. web"
            hint="Lowercase letters, digits and '-', at most 53 characters."
            onChange={set("releaseName")}
          />
          <NamespaceField value={value.namespace} onChange={set("namespace")} />
        </FieldGrid>
        <YamlEditor
          label="Values (YAML)"
          path="config.values"
          value={value.values}
          onChange={set("values")}
          rows={12}
          placeholder={"# e.g.\nreplicaCount: 2\nimage:\n  tag: 1.27.0"}
          hint="Passed to Helm with --values; leave empty to use the chart's defaults."
        />
      </FormSection>
    </>
  );
}
