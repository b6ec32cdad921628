"use client";
// One cell of a row editor: an input with a visually hidden, numbered label ("Key 2") so every
// input has its own accessible name, and its errors right under it.
import { useId } from "react";
import { inputClass, textareaClass } from "@/components/ui/field.tsx";
import { useFieldEdited, useFieldErrors } from "../field-errors.tsx";
import { numberInputProps, wholeNumberProblem } from "./whole-number.ts";

type RowInputProps = {
  label: string;
  path: string;
  value: string | number | undefined;
  onChange: (value: string) => void;
  placeholder?: string;
  type?: "text" | "number" | "password";
  multiline?: boolean;
  hint?: string;
  autoComplete?: string;
};

export function RowInput({ label, path, value, onChange, placeholder, type = "text", multiline, hint, autoComplete = "off" }: RowInputProps) {
  const id = useId();
  const savedErrors = useFieldErrors(path);
  const edited = useFieldEdited();
  // A number keeps what was typed; when it is not a whole number, that is the field's error now.
  const numberProblem = type === "number" ? wholeNumberProblem(label, value) : undefined;
  const errors = numberProblem ? [numberProblem] : savedErrors;
  const describedBy = [hint ? `${id}-hint` : "", errors?.length ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  const common = { id, "data-field-path": path, "aria-invalid": Boolean(errors?.length), "aria-describedby": describedBy, placeholder, spellCheck: false };
  const text = String(value ?? "");
  return (
    <div className="flex min-w-0 flex-col gap-0.5">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      {multiline ? (
        <textarea
          {...common}
          rows={Math.min(Math.max(text.split("\n").length, 1), 12)}
          value={text}
          onChange={(event) => {
            edited(path);
            onChange(event.target.value);
          }}
          className={textareaClass}
        />
      ) : (
        <input
          {...common}
          type={type}
          autoComplete={autoComplete}
          {...(type === "number" ? numberInputProps : {})}
          value={text}
          onChange={(event) => {
            edited(path);
            onChange(event.target.value);
          }}
          className={`${inputClass} ${type === "number" ? "tabular-nums" : ""}`}
        />
      )}
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
  );
}

/** A select inside a row, labelled like RowInput. */
export function RowSelect<T extends string>({
  label,
  path,
  value,
  options,
  onChange,
}: {
  label: string;
  path: string;
  value: T;
  options: readonly T[];
  onChange: (value: T) => void;
}) {
  const id = useId();
  const errors = useFieldErrors(path);
  return (
    <div className="flex flex-col gap-0.5">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <select
        id={id}
        data-field-path={path}
        aria-invalid={Boolean(errors?.length)}
        value={value}
        onChange={(event) => onChange(event.target.value as T)}
        className={inputClass}
      >
        {options.map((option) => (
          <option key={option}>{option}</option>
        ))}
      </select>
      {errors?.length ? (
        <p role="alert" className="text-xs font-medium text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
