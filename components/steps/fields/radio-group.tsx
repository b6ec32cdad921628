"use client";
// A group of radio buttons in a fieldset with a legend, one hint per option.
import { useId, type ReactNode } from "react";

type Option<T extends string> = { value: T; label: string; hint?: ReactNode };

export function RadioGroup<T extends string>({
  legend,
  value,
  options,
  onChange,
  path,
  inline,
}: {
  legend: string;
  value: T;
  options: Option<T>[];
  onChange: (value: T) => void;
  path?: string;
  inline?: boolean;
}) {
  const name = useId();
  return (
    <fieldset data-field-path={path} className="flex flex-col gap-2">
      <legend className="mb-1 text-sm font-medium text-slate-800">{legend}</legend>
      <div className={inline ? "flex flex-wrap gap-x-6 gap-y-2" : "flex flex-col gap-2"}>
        {options.map((option) => {
          const id = `${name}-${option.value}`;
          return (
            <div key={option.value} className="flex items-start gap-2">
              <input
                id={id}
                type="radio"
                name={name}
                value={option.value}
                checked={value === option.value}
                onChange={() => onChange(option.value)}
                aria-describedby={option.hint ? `${id}-hint` : undefined}
                className="mt-0.5 h-4 w-4 border-slate-300 text-blue-600"
              />
              <div>
                <label htmlFor={id} className="text-sm text-slate-800">
                  {option.label}
                </label>
                {option.hint ? (
                  <p id={`${id}-hint`} className="text-xs text-slate-500">
                    {option.hint}
                  </p>
                ) : null}
              </div>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
