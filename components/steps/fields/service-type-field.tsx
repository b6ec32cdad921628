"use client";
import type { ConfigDrafts } from "../step-draft.ts";
import { SelectField } from "./select-field.tsx";

type ServiceSpec = Pick<ConfigDrafts["service"], "type" | "ports">;
const TYPES = ["ClusterIP", "NodePort", "LoadBalancer"] as const;

/** The Service type; switching to ClusterIP drops node ports, which only the other types have. */
export function ServiceTypeField<T extends ServiceSpec>({ path, value, onChange }: { path: string; value: T; onChange: (next: T) => void }) {
  return (
    <SelectField
      label="Service type"
      path={path}
      value={value.type}
      options={TYPES}
      hint="ClusterIP: inside the cluster only. NodePort / LoadBalancer: reachable from outside."
      onChange={(type) =>
        onChange({ ...value, type, ports: type === "ClusterIP" ? value.ports.map((port) => ({ ...port, nodePort: undefined })) : value.ports })
      }
    />
  );
}
