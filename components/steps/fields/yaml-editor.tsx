"use client";
// A monospace YAML text area with a line-number gutter that scrolls with the text.
import { useRef, type ReactNode } from "react";
import { Field, textareaClass } from "@/components/ui/field.tsx";
import { useFieldErrors } from "../field-errors.tsx";

export function YamlEditor({
  label,
  path,
  value,
  onChange,
  hint,
  rows = 18,
  placeholder,
}: {
  label: string;
  path: string;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  rows?: number;
  placeholder?: string;
}) {
  const errors = useFieldErrors(path);
  const gutter = useRef<HTMLPreElement>(null);
  const lineCount = Math.max(value.split("\n").length, rows);
  return (
    <Field label={label} hint={hint} errors={errors}>
      {(props) => (
        <div className="flex overflow-hidden rounded-md border border-slate-300 bg-white shadow-sm focus-within:outline-2 focus-within:outline-blue-600">
          <pre
            ref={gutter}
            aria-hidden="true"
            className="m-0 select-none overflow-hidden border-r border-slate-200 bg-slate-50 px-2 py-1.5 text-right font-mono text-xs leading-5 text-slate-400"
            style={{ height: `${rows * 1.25 + 0.75}rem` }}
          >
            {Array.from({ length: lineCount }, (_, index) => index + 1).join("\n")}
          </pre>
          <textarea
            {...props}
            data-field-path={path}
            rows={rows}
            value={value}
            placeholder={placeholder}
            spellCheck={false}
            wrap="off"
            onChange={(event) => onChange(event.target.value)}
            onScroll={(event) => {
              if (gutter.current) gutter.current.scrollTop = event.currentTarget.scrollTop;
            }}
            className={`${textareaClass} rounded-none border-0 shadow-none focus-visible:outline-none`}
          />
        </div>
      )}
    </Field>
  );
}
