"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { api } from "@/components/api-client.ts";
import { Button } from "@/components/ui/button.tsx";
import { Field, inputClass } from "@/components/ui/field.tsx";
import { Notice } from "@/components/ui/notice.tsx";
import type { ProjectView } from "@/server/contracts/projects.ts";
import { useApiForm } from "./use-api-form.ts";
import { LinkButton } from "./link-button.tsx";

export function NewProjectForm() {
  const router = useRouter();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const { busy, errors, submit } = useApiForm();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const project = await submit(() => api<ProjectView>("/api/projects", { body: { name, description } }));
    if (project) router.push(`/projects/${project.id}`);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      {errors.message ? <Notice tone="error">{errors.message}</Notice> : null}
      <Field label="Name" errors={errors.fields.name}>
        {(props) => <input {...props} className={inputClass} value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} autoFocus />}
      </Field>
      <Field label="Description" hint="Optional." errors={errors.fields.description}>
        {(props) => (
          <textarea {...props} className={inputClass} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={2000} />
        )}
      </Field>
      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? "Creating…" : "Create project"}
        </Button>
        <LinkButton href="/">Cancel</LinkButton>
      </div>
    </form>
  );
}
