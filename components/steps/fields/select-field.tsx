"use client";
import type { ReactNode } from "react";
import { Field, inputClass } from "@/components/ui/field.tsx";
import { useFieldErrors } from "../field-errors.tsx";

/** A labelled select over a fixed list of string options. */
export function SelectField<T extends string>({
  label,
  path,
  value,
  options,
  onChange,
  hint,
  className,
}: {
  label: string;
  path: string;
  value: T;
  options: readonly T[] | readonly { value: T; label: string }[];
  onChange: (value: T) => void;
  hint?: ReactNode;
  className?: string;
}) {
  const errors = useFieldErrors(path);
  const items = options.map((option) => (typeof option === "string" ? { value: option, label: option } : option));
  return (
    <Field label={label} hint={hint} errors={errors} className={className}>
      {(props) => (
        <select {...props} data-field-path={path} value={value} onChange={(event) => onChange(event.target.value as T)} className={inputClass}>
          {items.map((item) => (
            <option key={item.value} value={item.value}>
              {item.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
