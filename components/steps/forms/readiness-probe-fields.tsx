"use client";
import type { ContainerDraft } from "./container-editor.tsx";
import { SelectField } from "../fields/select-field.tsx";
import { TextField } from "../fields/text-field.tsx";

type Probe = ContainerDraft["readinessProbe"];

const TYPES = [
  { value: "none", label: "None" },
  { value: "http", label: "HTTP GET" },
  { value: "tcp", label: "TCP socket" },
] as const;

/** When the container counts as ready; the object status check waits for readiness. */
export function ReadinessProbeFields({ path, prefix, value, onChange }: { path: string; prefix: string; value: Probe; onChange: (next: Probe) => void }) {
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
      <SelectField
        label={`${prefix} readiness probe`}
        path={`${path}.type`}
        value={value.type}
        options={TYPES}
        onChange={(type) => onChange({ ...value, type })}
        hint="Pods receive traffic once the probe succeeds."
      />
      {value.type === "http" ? (
        <TextField
          label={`${prefix} probe path`}
          path={`${path}.path`}
          value={value.path}
          placeholder="e.g. /healthz"
          onChange={(probePath) => onChange({ ...value, path: probePath })}
        />
      ) : null}
      {value.type !== "none" ? (
        <TextField
          label={`${prefix} probe port`}
          path={`${path}.port`}
          type="number"
          value={value.port}
          placeholder="e.g. 8080"
          onChange={(port) => onChange({ ...value, port })}
        />
      ) : null}
    </div>
  );
}
