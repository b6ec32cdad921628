"use client";
// Create or edit an environment and its Kubernetes target.
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { api } from "@/components/api-client.ts";
import { Button } from "@/components/ui/button.tsx";
import { Field, inputClass } from "@/components/ui/field.tsx";
import { Notice } from "@/components/ui/notice.tsx";
import { LinkButton } from "@/components/projects/link-button.tsx";
import { useApiForm } from "@/components/projects/use-api-form.ts";
import type { EnvironmentView } from "@/server/contracts/environments.ts";
import { AuthKindChoice } from "./auth-kind-choice.tsx";
import { ConnectionTest } from "./connection-test.tsx";
import { initialFormState, toTargetInput, type EnvironmentFormState } from "./environment-form-state.ts";
import { KubeconfigTargetFields } from "./kubeconfig-target-fields.tsx";
import { ServerTargetFields } from "./server-target-fields.tsx";
import { ErrorSummary } from "@/components/steps/error-summary.tsx";

export function EnvironmentForm({ environment }: { environment?: EnvironmentView }) {
  const router = useRouter();
  const [state, setState] = useState<EnvironmentFormState>(() => initialFormState(environment));
  const { busy, errors, setErrors, submit } = useApiForm();
  const update = (patch: Partial<EnvironmentFormState>) => {
    setState((current) => ({ ...current, ...patch }));
    // An error is about the value it was given: editing the field clears it (a context picked
    // after "The kubeconfig names no current context" must not keep showing that sentence).
    const stale = Object.keys(patch).flatMap((key) => [key, `target.${key}`]);
    if (stale.some((path) => errors.fields[path]))
      setErrors((current) => ({ ...current, fields: Object.fromEntries(Object.entries(current.fields).filter(([path]) => !stale.includes(path))) }));
  };
  const credentialsStored = environment?.target?.authKind === state.authKind;
  const formRef = useRef<HTMLFormElement>(null);
  // Field problems are listed with their messages, each a link to its field; the notice is for the rest.
  const fieldProblems = Object.keys(errors.fields).length > 0;

  // A kubeconfig context usually names its namespace: an empty field means "use the context's".
  function changeAuthKind(authKind: EnvironmentFormState["authKind"]) {
    const namespace = state.defaultNamespace.trim();
    if (authKind === "kubeconfig" && namespace === "default") update({ authKind, defaultNamespace: "" });
    else if (authKind !== "kubeconfig" && namespace === "") update({ authKind, defaultNamespace: "default" });
    else update({ authKind });
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const body = { name: state.name, description: state.description, target: toTargetInput(state) };
    const saved = await submit(() =>
      environment
        ? api<EnvironmentView>(`/api/environments/${environment.id}`, { method: "PUT", body: { ...body, expectedVersion: environment.version } })
        : api<EnvironmentView>("/api/environments", { body }),
    );
    if (saved) {
      router.push("/environments");
      router.refresh();
    }
  }

  const conflict = errors.status === 409;
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="flex flex-col gap-6">
      {fieldProblems ? (
        <ErrorSummary
          errors={errors.fields}
          formRef={formRef}
          title={errors.status === null ? "The connection was not tested." : "The environment was not saved."}
        />
      ) : null}
      {errors.message && !fieldProblems ? (
        <Notice tone="error" title={conflict ? "Not saved" : undefined}>
          <p>{errors.message}</p>
          {conflict && environment ? (
            <div className="mt-2">
              <Button onClick={() => window.location.reload()}>Reload</Button>
            </div>
          ) : null}
        </Notice>
      ) : null}

      <section aria-labelledby="environment-details-heading" className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="environment-details-heading" className="text-base font-semibold">
          Environment
        </h2>
        <Field label="Name" hint="Letters, digits, spaces, '.', '_' and '-'; for example Production." errors={errors.fields.name}>
          {(props) => (
            <input
              {...props}
              className={`${inputClass} max-w-md`}
              value={state.name}
              onChange={(e) => update({ name: e.target.value })}
              maxLength={64}
              autoComplete="off"
            />
          )}
        </Field>
        <Field label="Description" hint="Optional." errors={errors.fields.description}>
          {(props) => (
            <textarea {...props} className={inputClass} rows={2} value={state.description} onChange={(e) => update({ description: e.target.value })} />
          )}
        </Field>
      </section>

      <section aria-labelledby="target-heading" className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <div>
          <h2 id="target-heading" className="text-base font-semibold">
            Kubernetes target
          </h2>
          <p className="text-sm text-slate-600">Credentials are encrypted at rest and never sent back to the browser.</p>
          {environment?.target ? <p className="mt-1 text-sm text-slate-700">Stored credential: {environment.target.credentialHint}</p> : null}
        </div>
        <AuthKindChoice value={state.authKind} onChange={changeAuthKind} errors={errors.fields["target.authKind"]} />
        {environment?.target && !credentialsStored ? (
          <Notice tone="info">Switching the authentication kind replaces the stored credential: enter the new one below.</Notice>
        ) : null}
        {state.authKind === "kubeconfig" ? (
          <KubeconfigTargetFields state={state} update={update} errors={errors.fields} credentialsStored={credentialsStored} />
        ) : (
          <ServerTargetFields state={state} update={update} errors={errors.fields} credentialsStored={credentialsStored} />
        )}
        <ConnectionTest
          buildTarget={() => toTargetInput(state)}
          environmentId={environment?.id}
          onFieldErrors={(fields) => setErrors({ fields, message: null, status: null })}
        />
      </section>

      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? "Saving…" : environment ? "Save changes" : "Create environment"}
        </Button>
        <LinkButton href="/environments">Cancel</LinkButton>
      </div>
    </form>
  );
}
