"use client";
// The files stored with a step, with their size, problems and a remove button each.
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button.tsx";
import { useFieldErrors } from "../field-errors.tsx";
import type { StepFile } from "./read-files.ts";

const size = (text: string) => {
  const bytes = new TextEncoder().encode(text).length;
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
};

export function UploadedFileList({
  path,
  files,
  onChange,
  describe,
}: {
  path: string;
  files: StepFile[];
  onChange: (files: StepFile[]) => void;
  describe?: (file: StepFile) => ReactNode;
}) {
  const errors = useFieldErrors(path);
  return (
    <div data-field-path={path} tabIndex={-1} className="flex flex-col gap-1 outline-none">
      {errors?.length ? (
        <p role="alert" className="text-xs font-medium text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
      {files.length === 0 ? (
        <p className="text-sm text-slate-500">No files yet.</p>
      ) : (
        <ul aria-label="Uploaded files" className="divide-y divide-slate-100 rounded-md border border-slate-200">
          {files.map((file, index) => (
            <FileRow
              key={file.path}
              path={`${path}.${index}`}
              file={file}
              note={describe?.(file)}
              onRemove={() => onChange(files.filter((_, i) => i !== index))}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

function FileRow({ path, file, note, onRemove }: { path: string; file: StepFile; note?: ReactNode; onRemove: () => void }) {
  const errors = [...(useFieldErrors(`${path}.content`) ?? []), ...(useFieldErrors(`${path}.path`) ?? [])];
  return (
    <li data-field-path={`${path}.content`} tabIndex={-1} className="flex items-start justify-between gap-3 px-3 py-2 text-sm outline-none">
      <div className="min-w-0">
        <p className="truncate font-mono text-slate-800">{file.path}</p>
        <p className="text-xs text-slate-500">
          {size(file.content)}
          {note ? <> · {note}</> : null}
        </p>
        {errors.map((message) => (
          <p key={message} role="alert" className="text-xs font-medium text-red-700">
            {message}
          </p>
        ))}
      </div>
      <Button variant="ghost" aria-label={`Remove ${file.path}`} onClick={onRemove} className="text-slate-500">
        ✕
      </Button>
    </li>
  );
}
