"use client";
// Where a Helm chart comes from: a repository, an OCI registry, a path on the server or an upload.
import { useState } from "react";
import type { ConfigDrafts } from "../step-draft.ts";
import { RadioGroup } from "../fields/radio-group.tsx";
import { TextField } from "../fields/text-field.tsx";
import { FieldGrid } from "../fields/form-section.tsx";
import { FilePicker } from "../fields/file-picker.tsx";
import { readAsBase64 } from "../fields/read-files.ts";
import { useFieldErrors } from "../field-errors.tsx";

type ChartSource = ConfigDrafts["helm-chart"]["chart"];
type SourceKind = ChartSource["source"];

const emptySource: { [K in SourceKind]: () => Extract<ChartSource, { source: K }> } = {
  repository: () => ({ source: "repository", repositoryUrl: "", chartName: "", chartVersion: "" }),
  oci: () => ({ source: "oci", reference: "", chartVersion: "" }),
  path: () => ({ source: "path", path: "" }),
  upload: () => ({ source: "upload", fileName: "", archiveBase64: "" }),
};

export function HelmChartSource({ value, onChange }: { value: ChartSource; onChange: (next: ChartSource) => void }) {
  // Switching back and forth keeps what was typed for each kind of source.
  const [remembered, setRemembered] = useState<Partial<Record<SourceKind, ChartSource>>>({});
  const switchTo = (kind: SourceKind) => {
    setRemembered({ ...remembered, [value.source]: value });
    onChange(remembered[kind] ?? emptySource[kind]());
  };
  return (
    <div className="flex flex-col gap-4">
      <RadioGroup
        legend="Chart source"
        path="config.chart.source"
        inline
        value={value.source}
        onChange={switchTo}
        options={[
          { value: "repository", label: "Chart repository" },
          { value: "oci", label: "OCI registry" },
          { value: "path", label: "Path on the server" },
          { value: "upload", label: "Upload a .tgz" },
        ]}
      />
      <SourceFields value={value} onChange={onChange} />
    </div>
  );
}

function SourceFields({ value, onChange }: { value: ChartSource; onChange: (next: ChartSource) => void }) {
  const uploadErrors = useFieldErrors("config.chart.archiveBase64");
  switch (value.source) {
    case "repository":
      return (
        <FieldGrid>
          <TextField
            label="Repository URL"
            path="config.chart.repositoryUrl"
            type="url"
            value={value.repositoryUrl}
            placeholder="e.g. https://charts.bitnami.com/bitnami"
            onChange={(repositoryUrl) => onChange({ ...value, repositoryUrl })}
          />
          <TextField
            label="Chart name"
            path="config.chart.chartName"
            value={value.chartName}
            placeholder="e.g. nginx"
            onChange={(chartName) => onChange({ ...value, chartName })}
          />
          <TextField
            label="Chart version"
            path="config.chart.chartVersion"
            value={value.chartVersion}
            placeholder="latest if empty"
            hint="Leave empty for the latest version."
            onChange={(chartVersion) => onChange({ ...value, chartVersion })}
          />
        </FieldGrid>
      );
    case "oci":
      return (
        <FieldGrid>
          <TextField
            label="OCI reference"
            path="config.chart.reference"
            value={value.reference}
            placeholder="e.g. oci://registry-1.docker.io/bitnamicharts/nginx"
            monospace
            onChange={(reference) => onChange({ ...value, reference })}
          />
          <TextField
            label="Chart version"
            path="config.chart.chartVersion"
            value={value.chartVersion}
            placeholder="latest if empty"
            hint="Leave empty for the latest version."
            onChange={(chartVersion) => onChange({ ...value, chartVersion })}
          />
        </FieldGrid>
      );
    case "path":
      return (
        <TextField
          label="Chart path"
          path="config.chart.path"
          value={value.path}
          placeholder="e.g. /srv/charts/web"
          monospace
          hint="An absolute path to a chart directory or .tgz on the kdeploy server."
          onChange={(path) => onChange({ ...value, path })}
        />
      );
    case "upload":
      return (
        <div className="flex flex-col gap-1">
          <FilePicker
            label="Chart archive"
            path="config.chart.fileName"
            accept=".tgz,.tar.gz,application/gzip"
            hint={value.fileName ? `Uploaded: ${value.fileName}` : "A packaged chart (helm package), at most 8 MiB."}
            onFiles={async ([file]) => file && onChange({ ...value, fileName: file.name, archiveBase64: await readAsBase64(file) })}
          />
          {uploadErrors?.length ? (
            <p role="alert" data-field-path="config.chart.archiveBase64" tabIndex={-1} className="text-xs font-medium text-red-700">
              {uploadErrors.join(" ")}
            </p>
          ) : null}
        </div>
      );
  }
}
