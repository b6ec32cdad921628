"use client";
// Step type 3: Deploy with Kustomize, from files stored with the step or a directory on the server.
import { KUSTOMIZATION_FILE_NAMES } from "@/server/contracts/steps/index.ts";
import { fieldSetter, type ConfigDrafts } from "../step-draft.ts";
import { FieldGrid, FormSection } from "../fields/form-section.tsx";
import { RadioGroup } from "../fields/radio-group.tsx";
import { TextField } from "../fields/text-field.tsx";
import { FilePicker } from "../fields/file-picker.tsx";
import { UploadedFileList } from "../fields/uploaded-file-list.tsx";
import { mergeFiles, readStepFiles } from "../fields/read-files.ts";
import { NamespaceField } from "../fields/namespace-field.tsx";

type KustomizeConfig = ConfigDrafts["kustomize"];

const isKustomization = (path: string) => KUSTOMIZATION_FILE_NAMES.includes(path.split("/").pop() ?? "");

export function KustomizeForm({ value, onChange }: { value: KustomizeConfig; onChange: (next: KustomizeConfig) => void }) {
  const set = fieldSetter(value, onChange);
  const addFiles = async (files: File[]) => set("files")(mergeFiles(value.files, await readStepFiles(files)));
  const overlays = value.files.filter((file) => isKustomization(file.path)).map((file) => file.path.split("/").slice(0, -1).join("/"));
  return (
    <FormSection title="Kustomization" description="A directory with a kustomization.yaml; kdeploy runs kustomize build on it and applies the result.">
      <RadioGroup
        legend="Kustomization source"
        path="config.source"
        inline
        value={value.source}
        onChange={set("source")}
        options={[
          { value: "files", label: "Files stored with the step" },
          { value: "path", label: "Directory on the server" },
        ]}
      />
      {value.source === "files" ? (
        <>
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
            <FilePicker label="Upload a folder" folder hint="Keeps the paths inside the folder you pick (base/, overlays/…)." onFiles={addFiles} />
            <FilePicker
              label="Upload files"
              multiple
              accept=".yaml,.yml,.json,.env,.properties,.txt"
              hint="Added at the top level of the kustomization."
              onFiles={addFiles}
            />
          </div>
          <UploadedFileList
            path="config.files"
            files={value.files}
            onChange={set("files")}
            describe={(file) => (isKustomization(file.path) ? "kustomization" : null)}
          />
          <TextField
            label="Overlay folder"
            path="config.overlay"
            value={value.overlay}
            placeholder="e.g. overlays/production"
            monospace
            hint={
              overlays.length
                ? `The folder to build, relative to the uploaded files. Found kustomizations in: ${overlays.map((dir) => dir || "(top level)").join(", ")}.`
                : "The folder to build, relative to the uploaded files; empty = the top level."
            }
            onChange={set("overlay")}
          />
        </>
      ) : (
        <TextField
          label="Kustomization directory"
          path="config.path"
          value={value.path}
          placeholder="e.g. /srv/deploy/overlays/production"
          monospace
          hint="Absolute path on the kdeploy server of a directory that contains a kustomization.yaml."
          onChange={set("path")}
        />
      )}
      <FieldGrid>
        <NamespaceField value={value.namespace} onChange={set("namespace")} />
      </FieldGrid>
    </FormSection>
  );
}
