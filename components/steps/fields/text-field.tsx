"use client";
import type { ReactNode } from "react";
import { Field, inputClass } from "@/components/ui/field.tsx";
import { useFieldErrors } from "../field-errors.tsx";

type TextFieldProps = {
  label: string;
  path: string;
  value: string | number | undefined;
  onChange: (value: string) => void;
  hint?: ReactNode;
  type?: "text" | "number" | "url" | "password";
  placeholder?: string;
  disabled?: boolean;
  monospace?: boolean;
  className?: string;
  autoComplete?: string;
  min?: number;
};

/** A labelled single-line input whose errors come from the save that failed at `path`. */
export function TextField({
  label,
  path,
  value,
  onChange,
  hint,
  type = "text",
  placeholder,
  disabled,
  monospace,
  className,
  autoComplete = "off",
  min,
}: TextFieldProps) {
  const errors = useFieldErrors(path);
  return (
    <Field label={label} hint={hint} errors={errors} className={className}>
      {(props) => (
        <input
          {...props}
          data-field-path={path}
          type={type}
          inputMode={type === "number" ? "numeric" : undefined}
          min={min}
          value={value ?? ""}
          placeholder={placeholder}
          disabled={disabled}
          autoComplete={autoComplete}
          spellCheck={false}
          onChange={(event) => onChange(event.target.value)}
          className={`${inputClass} ${monospace ? "font-mono" : ""}`}
        />
      )}
    </Field>
  );
}
