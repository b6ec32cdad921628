"use client";
// Import a process export (paste or upload). The import replaces the whole process atomically,
// so the form warns first and asks for confirmation; validation problems are listed by step.
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { api } from "@/components/api-client.ts";
import { Button } from "@/components/ui/button.tsx";
import { Field, textareaClass } from "@/components/ui/field.tsx";
import { Notice } from "@/components/ui/notice.tsx";
import { MAX_REQUEST_BYTES } from "@/server/contracts/limits.ts";
import type { StepView } from "@/server/contracts/projects.ts";
import { ConfirmDialog } from "./confirm-dialog.tsx";
import { describeIssuePath } from "./describe-issue-path.ts";
import { readTextFile } from "./read-text-file.ts";
import { useApiForm } from "./use-api-form.ts";

export function ProcessImportForm({ projectId, stepCount }: { projectId: string; stepCount: number }) {
  const router = useRouter();
  const fileInputId = useId();
  const [content, setContent] = useState("");
  const [fileError, setFileError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [imported, setImported] = useState<number | null>(null);
  const { busy, errors, submit } = useApiForm();

  async function onFile(file: File | undefined) {
    setFileError(null);
    if (!file) return;
    const result = await readTextFile(file, MAX_REQUEST_BYTES);
    if ("error" in result) setFileError(result.error);
    else setContent(result.text);
  }

  async function runImport() {
    setImported(null);
    const steps = await submit(() => api<StepView[]>(`/api/projects/${projectId}/process/import`, { body: { content } }));
    setConfirming(false);
    if (steps) {
      setImported(steps.length);
      setContent("");
      router.refresh();
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (stepCount > 0) setConfirming(true);
    else void runImport();
  }

  const issues = Object.entries(errors.fields);
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3">
      <Notice tone="warning">
        Importing replaces the whole process: every current step is removed and the imported steps take their place. Existing releases are not changed.
      </Notice>
      {imported !== null ? (
        <Notice tone="success">
          Imported {imported} step{imported === 1 ? "" : "s"}. Create a new release to deploy them.
        </Notice>
      ) : null}
      {errors.message && issues.length === 0 ? <Notice tone="error">{errors.message}</Notice> : null}
      <div className="flex flex-col gap-1">
        <label htmlFor={fileInputId} className="text-sm font-medium text-slate-800">
          Upload an export file (.yaml, .yml or .json)
        </label>
        <input
          id={fileInputId}
          type="file"
          accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml"
          onChange={(e) => void onFile(e.target.files?.[0])}
          className="text-sm"
        />
        {fileError ? (
          <p role="alert" className="text-xs font-medium text-red-700">
            {fileError}
          </p>
        ) : null}
      </div>
      <Field label="…or paste the export" errors={issues.length ? ["The import was refused; nothing was changed. Fix the problems listed below."] : undefined}>
        {(props) => <textarea {...props} className={textareaClass} rows={10} value={content} onChange={(e) => setContent(e.target.value)} spellCheck={false} />}
      </Field>
      {issues.length ? (
        <ul className="list-disc rounded-md border border-red-200 bg-red-50 py-2 pl-8 pr-3 text-xs text-red-900" aria-label="Import problems">
          {issues.map(([path, messages]) => (
            <li key={path}>
              <span className="font-medium">{describeIssuePath(path)}:</span> {messages.join(" ")}
            </li>
          ))}
        </ul>
      ) : null}
      <div>
        <Button type="submit" variant="primary" disabled={busy || !content.trim()}>
          {busy ? "Importing…" : "Import process"}
        </Button>
      </div>
      <ConfirmDialog
        open={confirming}
        title="Replace the whole process?"
        confirmLabel="Replace process"
        busy={busy}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void runImport()}
      >
        The {stepCount} current step{stepCount === 1 ? "" : "s"} will be removed and replaced by the imported steps.
      </ConfirmDialog>
    </form>
  );
}
