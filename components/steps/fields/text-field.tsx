"use client";
import type { ReactNode } from "react";
import { Field, inputClass } from "@/components/ui/field.tsx";
import { useFieldEdited, useFieldErrors } from "../field-errors.tsx";
import { numberInputProps, wholeNumberProblem } from "./whole-number.ts";

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
  /** The smallest value the schema accepts (checked at save; kept for callers' documentation). */
  min?: number;
};

/**
 * A labelled single-line input whose errors come from the save that failed at `path`. A number
 * field keeps whatever is typed and says at once when it is not a whole number (that error
 * replaces the save's errors for the field, which were about an older text).
 */
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
}: TextFieldProps) {
  const savedErrors = useFieldErrors(path);
  const edited = useFieldEdited();
  const numberProblem = type === "number" ? wholeNumberProblem(label, value) : undefined;
  const errors = numberProblem ? [numberProblem] : savedErrors;
  return (
    <Field label={label} hint={hint} errors={errors} className={className}>
      {(props) => (
        <input
          {...props}
          data-field-path={path}
          type={type}
          autoComplete={autoComplete}
          {...(type === "number" ? numberInputProps : {})}
          value={value ?? ""}
          placeholder={placeholder}
          disabled={disabled}
          spellCheck={false}
          onChange={(event) => {
            edited(path);
            onChange(event.target.value);
          }}
          className={`${inputClass} ${monospace ? "font-mono" : ""} ${type === "number" ? "tabular-nums" : ""}`}
        />
      )}
    </Field>
  );
}
