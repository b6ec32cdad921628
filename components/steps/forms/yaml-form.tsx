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

const PLACEHOLDER = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  ...\n---\napiVersion: v1\nkind: Service\n...";

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
            hint="Separate documents with a line containing ---."
          />
          <ManifestSummary text={value.yaml} />
        </>
      ) : (
        <>
          <FilePicker
            label="Upload YAML files"
            accept=".yaml,.yml,.json"
            multiple
            hint="Files with the same name replace those already uploaded."
            onFiles={async (files) => set("files")(mergeFiles(value.files, await readStepFiles(files)))}
          />
          <UploadedFileList path="config.files" files={value.files} onChange={set("files")} describe={(file) => <ManifestSummary text={file.content} />} />
        </>
      )}
      <NamespaceField value={value.namespace} onChange={set("namespace")} />
    </FormSection>
  );
}
