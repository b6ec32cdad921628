"use client";
// A labelled file input; `folder` lets the user pick a whole directory (webkitdirectory).
import { useId } from "react";
import { useFieldErrors } from "../field-errors.tsx";

type FilePickerProps = { label: string; accept?: string; multiple?: boolean; folder?: boolean; hint?: string; path?: string; onFiles: (files: File[]) => void };

export function FilePicker({ label, accept, multiple, folder, hint, path, onFiles }: FilePickerProps) {
  const id = useId();
  const errors = useFieldErrors(path);
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        type="file"
        data-field-path={path}
        accept={accept}
        multiple={multiple || folder}
        aria-invalid={Boolean(errors?.length)}
        aria-describedby={[hint ? `${id}-hint` : "", errors?.length ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined}
        ref={(input) => {
          if (input && folder) input.setAttribute("webkitdirectory", "");
        }}
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          event.target.value = ""; // picking the same file again still fires onChange
          if (files.length) onFiles(files);
        }}
        className="text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-50"
      />
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
