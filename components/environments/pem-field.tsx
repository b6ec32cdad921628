"use client";
// A PEM (or other text) textarea with an "upload a file" alternative.
import { useId, useState, type ReactNode } from "react";
import { Field, textareaClass } from "@/components/ui/field.tsx";
import { readTextFile } from "@/components/projects/read-text-file.ts";

type PemFieldProps = {
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors?: string[];
  hint?: ReactNode;
  placeholder?: string;
  rows?: number;
  maxBytes?: number;
  accept?: string;
};

export function PemField({
  label,
  value,
  onChange,
  errors,
  hint,
  placeholder,
  rows = 4,
  maxBytes = 64 * 1024,
  accept = ".pem,.crt,.cer,.key,text/plain",
}: PemFieldProps) {
  const uploadId = useId();
  const [fileError, setFileError] = useState<string | null>(null);

  async function onFile(file: File | undefined) {
    setFileError(null);
    if (!file) return;
    const result = await readTextFile(file, maxBytes);
    if ("error" in result) setFileError(result.error);
    else onChange(result.text);
  }

  const allErrors = [...(errors ?? []), ...(fileError ? [fileError] : [])];
  return (
    <div className="flex flex-col gap-1">
      <Field label={label} hint={hint} errors={allErrors.length ? allErrors : undefined}>
        {(props) => (
          <textarea
            {...props}
            className={textareaClass}
            rows={rows}
            value={value}
            placeholder={placeholder}
            onChange={(e) => onChange(e.target.value)}
            spellCheck={false}
            autoComplete="off"
          />
        )}
      </Field>
      <div className="flex items-center gap-2 text-xs text-slate-600">
        <label htmlFor={uploadId}>
          Or upload a <span className="sr-only">{label}</span> file:
        </label>
        <input id={uploadId} type="file" accept={accept} onChange={(e) => void onFile(e.target.files?.[0])} className="text-xs" />
      </div>
    </div>
  );
}
