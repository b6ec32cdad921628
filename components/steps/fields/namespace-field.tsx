"use client";
import { TextField } from "./text-field.tsx";

/** The optional namespace of a step's objects; empty means the environment's default. */
export function NamespaceField({
  value,
  onChange,
  path = "config.namespace",
}: {
  value: string | undefined;
  onChange: (value: string) => void;
  path?: string;
}) {
  return (
    <TextField
      label="Namespace"
      path={path}
      value={value}
      onChange={onChange}
      placeholder="the environment's default if empty"
      hint="Leave empty to use the default namespace of the environment you deploy to."
    />
  );
}
