"use client";
import type { ReactNode } from "react";
import { Field, textareaClass } from "@/components/ui/field.tsx";
import { useFieldErrors } from "../field-errors.tsx";

/** A labelled monospace text area (YAML, multi-line values). */
export function TextAreaField({
  label,
  path,
  value,
  onChange,
  hint,
  rows = 12,
  placeholder,
  className,
}: {
  label: string;
  path: string;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  rows?: number;
  placeholder?: string;
  className?: string;
}) {
  const errors = useFieldErrors(path);
  return (
    <Field label={label} hint={hint} errors={errors} className={className}>
      {(props) => (
        <textarea
          {...props}
          data-field-path={path}
          rows={rows}
          value={value}
          placeholder={placeholder}
          spellCheck={false}
          wrap="off"
          onChange={(event) => onChange(event.target.value)}
          className={textareaClass}
        />
      )}
    </Field>
  );
}
