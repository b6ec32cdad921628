"use client";
import type { ContainerDraft } from "./container-editor.tsx";
import { TextField } from "../fields/text-field.tsx";

type Resources = ContainerDraft["resources"];

const FIELDS: { key: keyof Resources; label: string; placeholder: string }[] = [
  { key: "cpuRequest", label: "CPU request", placeholder: "e.g. 250m" },
  { key: "memoryRequest", label: "Memory request", placeholder: "e.g. 256Mi" },
  { key: "cpuLimit", label: "CPU limit", placeholder: "e.g. 1" },
  { key: "memoryLimit", label: "Memory limit", placeholder: "e.g. 512Mi" },
];

/** Requests and limits; empty fields are left out of the manifest. */
export function ContainerResourcesFields({
  path,
  prefix,
  value,
  onChange,
}: {
  path: string;
  prefix: string;
  value: Resources;
  onChange: (next: Resources) => void;
}) {
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="text-sm font-medium text-slate-800">Resources</legend>
      <p className="-mt-1 text-xs text-slate-500">Kubernetes quantities such as 250m or 512Mi; leave empty for none.</p>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {FIELDS.map((field) => (
          <TextField
            key={field.key}
            label={`${prefix} ${field.label}`}
            path={`${path}.${field.key}`}
            value={value[field.key]}
            placeholder={field.placeholder}
            onChange={(text) => onChange({ ...value, [field.key]: text })}
          />
        ))}
      </div>
    </fieldset>
  );
}
