"use client";
// "Create release": version (prefilled with the next patch version) and notes.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { api } from "@/components/api-client.ts";
import { Button } from "@/components/ui/button.tsx";
import { Field, inputClass } from "@/components/ui/field.tsx";
import { Notice } from "@/components/ui/notice.tsx";
import type { ReleaseDetailView } from "@/server/contracts/projects.ts";
import { LinkButton } from "@/components/projects/link-button.tsx";
import { useApiForm } from "@/components/projects/use-api-form.ts";

export function ReleaseForm({ projectId, suggestedVersion }: { projectId: string; suggestedVersion: string }) {
  const router = useRouter();
  const [version, setVersion] = useState(suggestedVersion);
  const [notes, setNotes] = useState("");
  const { busy, errors, submit } = useApiForm();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const release = await submit(() => api<ReleaseDetailView>(`/api/projects/${projectId}/releases`, { body: { version, notes } }));
    if (release) {
      router.push(`/projects/${projectId}/releases/${release.id}`);
      router.refresh();
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      {errors.message ? <Notice tone="error">{errors.message}</Notice> : null}
      <Field label="Version" hint="A semantic version such as 1.4.0. Leave empty to use the next patch version." errors={errors.fields.version}>
        {(props) => (
          <input
            {...props}
            className={`${inputClass} max-w-xs font-mono`}
            value={version}
            onChange={(e) => setVersion(e.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        )}
      </Field>
      <Field label="Release notes" hint="Optional." errors={errors.fields.notes}>
        {(props) => <textarea {...props} className={inputClass} rows={5} value={notes} onChange={(e) => setNotes(e.target.value)} />}
      </Field>
      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? "Creating…" : "Create release"}
        </Button>
        <LinkButton href={`/projects/${projectId}`}>Cancel</LinkButton>
      </div>
    </form>
  );
}
