"use client";
// Step type 1: Deploy Kubernetes YAML, typed inline or uploaded as files.
import { fieldSetter, type ConfigDrafts } from "../step-draft.ts";
import { FormSection } from "../fields/form-section.tsx";
import { RadioGroup } from "../fields/radio-group.tsx";
import { YamlEditor } from "../fields/yaml-editor.tsx";
import { ManifestSummary } from "../fields/manifest-summary.tsx";
import { FilePicker } from "../fields/file-picker.tsx";
import { UploadedFileList } from "../fields/uploaded-file-list.tsx";
import { mergeFiles, readStepFiles } from "../fields/read-files.ts";
import { NamespaceField } from "../fields/namespace-field.tsx";

type YamlConfig = ConfigDrafts["kubernetes-yaml"];

// Secret values work like a password field: the server never sends them back, and a value left as
// <redacted> keeps the stored one (server/process/yaml-secret-values.ts).
const SECRET_VALUES_HINT =
  "Secret data and stringData values are sealed when you save and shown as <redacted>: leave <redacted> to keep a stored value, or type a new one.";

const PLACEHOLDER = "# e.g.\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  ...\n---\napiVersion: v1\nkind: Service\n...";

export function YamlForm({ value, onChange }: { value: YamlConfig; onChange: (next: YamlConfig) => void }) {
  const set = fieldSetter(value, onChange);
  return (
    <FormSection title="Kubernetes YAML" description="The objects to apply. Every document needs apiVersion, kind and metadata.name.">
      <RadioGroup
        legend="YAML source"
        path="config.source"
        inline
        value={value.source}
        onChange={set("source")}
        options={[
          { value: "inline", label: "Inline YAML" },
          { value: "files", label: "Uploaded files" },
        ]}
      />
      {value.source === "inline" ? (
        <>
          <YamlEditor
            label="YAML"
            path="config.yaml"
            value={value.yaml}
            onChange={set("yaml")}
            placeholder={PLACEHOLDER}
            hint={`Separate documents with a line containing ---. ${SECRET_VALUES_HINT}`}
          />
          <ManifestSummary text={value.yaml} path="config.yaml" />
        </>
      ) : (
        <>
          <FilePicker
            label="Upload YAML files"
            accept=".yaml,.yml,.json"
            multiple
            hint={`Files with the same name replace those already uploaded. ${SECRET_VALUES_HINT}`}
            onFiles={async (files) => set("files")(mergeFiles(value.files, await readStepFiles(files)))}
          />
          <UploadedFileList path="config.files" files={value.files} onChange={set("files")} describe={(file) => <ManifestSummary text={file.content} />} />
        </>
      )}
      <NamespaceField value={value.namespace} onChange={set("namespace")} />
    </FormSection>
  );
}
