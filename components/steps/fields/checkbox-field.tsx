"use client";
import { useId, type ReactNode } from "react";
import { useFieldErrors } from "../field-errors.tsx";

/** A checkbox with its label on the right and an optional one-line hint under it. */
export function CheckboxField({
  label,
  path,
  checked,
  onChange,
  hint,
  disabled,
}: {
  label: string;
  path: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: ReactNode;
  disabled?: boolean;
}) {
  const id = useId();
  const errors = useFieldErrors(path);
  const describedBy = [hint ? `${id}-hint` : "", errors?.length ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex items-start gap-2">
      <input
        id={id}
        type="checkbox"
        data-field-path={path}
        checked={checked}
        disabled={disabled}
        aria-describedby={describedBy}
        aria-invalid={Boolean(errors?.length)}
        onChange={(event) => onChange(event.target.checked)}
        className="mt-0.5 h-4 w-4 rounded border-slate-300 text-blue-600"
      />
      <div className="flex flex-col">
        <label htmlFor={id} className={`text-sm font-medium ${disabled ? "text-slate-400" : "text-slate-800"}`}>
          {label}
        </label>
        {hint ? (
          <p id={`${id}-hint`} className="text-xs text-slate-500">
            {hint}
          </p>
        ) : null}
        {errors?.length ? (
          <p id={`${id}-error`} role="alert" className="text-xs font-medium text-red-700">
            {errors.join(" ")}
          </p>
        ) : null}
      </div>
    </div>
  );
}
