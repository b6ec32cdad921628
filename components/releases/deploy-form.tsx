"use client";
// "Deploy release X to environment Y": creates the deployment and opens its page.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { api } from "@/components/api-client.ts";
import { Button } from "@/components/ui/button.tsx";
import { Field, inputClass } from "@/components/ui/field.tsx";
import { Notice } from "@/components/ui/notice.tsx";
import type { DeploymentView } from "@/server/contracts/projects.ts";
import { useApiForm } from "@/components/projects/use-api-form.ts";

type Option = { id: string; label: string };

type DeployFormProps = {
  projectId: string;
  /** One release: deploy that one. Several: the user picks (newest first). */
  releases: Option[];
  environments: Option[];
};

export function DeployForm({ projectId, releases, environments }: DeployFormProps) {
  const router = useRouter();
  const [releaseId, setReleaseId] = useState(releases[0]?.id ?? "");
  const [environmentId, setEnvironmentId] = useState(environments.length === 1 ? environments[0]!.id : "");
  const { busy, errors, submit } = useApiForm();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const deployment = await submit(() => api<DeploymentView>(`/api/projects/${projectId}/deployments`, { body: { releaseId, environmentId } }));
    if (deployment) router.push(`/deployments/${deployment.id}`);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {errors.message ? <Notice tone="error">{errors.message}</Notice> : null}
      <div className="flex flex-wrap items-end gap-3">
        {releases.length > 1 ? (
          <Field label="Release" errors={errors.fields.releaseId} className="min-w-48">
            {(props) => (
              <select {...props} className={inputClass} value={releaseId} onChange={(e) => setReleaseId(e.target.value)}>
                {releases.map((release) => (
                  <option key={release.id} value={release.id}>
                    {release.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        <Field label="Environment" errors={errors.fields.environmentId ?? (releases.length > 1 ? undefined : errors.fields.releaseId)} className="min-w-64">
          {(props) => (
            <select {...props} className={inputClass} value={environmentId} onChange={(e) => setEnvironmentId(e.target.value)} required>
              <option value="">Choose an environment…</option>
              {environments.map((environment) => (
                <option key={environment.id} value={environment.id}>
                  {environment.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? "Deploying…" : "Deploy"}
        </Button>
      </div>
    </form>
  );
}
