"use client";
// An editable list of one-line strings (commands, directories): one labelled input per entry,
// Remove beside each, Add at the end. A new entry takes the focus, a removed one hands it to its
// neighbour, so the list is usable from the keyboard alone. Errors come keyed by index.
import { useEffect, useId, useRef } from "react";
import { Button } from "@/components/ui/button.tsx";
import { inputClass } from "@/components/ui/field.tsx";

export function StringListEditor({
  legend,
  hint,
  itemLabel,
  addLabel,
  placeholder,
  values,
  onChange,
  errors,
  listErrors,
}: {
  legend: string;
  hint: string;
  /** "Command" → inputs labelled "Command 1", "Command 2", … */
  itemLabel: string;
  addLabel: string;
  placeholder: string;
  values: string[];
  onChange: (values: string[]) => void;
  /** Messages per entry index. */
  errors: Record<number, string[]>;
  listErrors?: string[];
}) {
  const id = useId();
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  // The entry to focus once the list re-rendered with it (after Add or Remove).
  const pendingFocus = useRef<number | null>(null);
  useEffect(() => {
    if (pendingFocus.current === null) return;
    inputs.current[pendingFocus.current]?.focus();
    pendingFocus.current = null;
  });

  const set = (index: number, value: string) => onChange(values.map((current, i) => (i === index ? value : current)));
  const remove = (index: number) => {
    onChange(values.filter((_, i) => i !== index));
    if (values.length > 1) pendingFocus.current = Math.max(0, index - 1);
  };
  const add = () => {
    onChange([...values, ""]);
    pendingFocus.current = values.length;
  };

  return (
    <fieldset className="flex flex-col gap-3" aria-describedby={`${id}-hint`}>
      <legend className="text-base font-semibold">{legend}</legend>
      <p id={`${id}-hint`} className="text-sm text-slate-600">
        {hint}
      </p>
      {values.length === 0 ? <p className="text-sm italic text-slate-500">None.</p> : null}
      <ul className="flex flex-col gap-2">
        {values.map((value, index) => {
          const inputId = `${id}-${index}`;
          const messages = errors[index];
          return (
            <li key={index} className="flex flex-col gap-1">
              <div className="flex items-center gap-2">
                <label htmlFor={inputId} className="sr-only">
                  {`${itemLabel} ${index + 1}`}
                </label>
                <input
                  id={inputId}
                  ref={(element) => {
                    inputs.current[index] = element;
                  }}
                  className={`${inputClass} font-mono`}
                  value={value}
                  placeholder={placeholder}
                  onChange={(event) => set(index, event.target.value)}
                  aria-invalid={Boolean(messages?.length)}
                  aria-describedby={messages?.length ? `${inputId}-error` : undefined}
                  autoComplete="off"
                  spellCheck={false}
                />
                <Button variant="ghost" onClick={() => remove(index)} aria-label={`Remove ${itemLabel.toLowerCase()} ${index + 1}`}>
                  Remove
                </Button>
              </div>
              {messages?.length ? (
                <p id={`${inputId}-error`} role="alert" className="text-xs font-medium text-red-700">
                  {messages.join(" ")}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
      {listErrors?.length ? (
        <p role="alert" className="text-xs font-medium text-red-700">
          {listErrors.join(" ")}
        </p>
      ) : null}
      <div>
        <Button onClick={add}>{addLabel}</Button>
      </div>
    </fieldset>
  );
}
