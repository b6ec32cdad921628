"use client";
// A target given by a kubeconfig: upload or paste it, then pick one of its contexts.
import { useId, useState } from "react";
import { api, ApiError } from "@/components/api-client.ts";
import { Button } from "@/components/ui/button.tsx";
import { Field, inputClass, textareaClass } from "@/components/ui/field.tsx";
import { readTextFile } from "@/components/projects/read-text-file.ts";
import { byteLength, formatBytes, MAX_KUBECONFIG_BYTES } from "@/server/contracts/limits.ts";
import type { EnvironmentFormState } from "./environment-form-state.ts";
import { STORED_SECRET_HINT } from "./secret-hint.ts";

type ContextOption = { name: string; cluster: string; namespace: string | null; server: string | null };
type ContextsResponse = { contexts: ContextOption[]; currentContext: string | null };

type Props = {
  state: EnvironmentFormState;
  update: (patch: Partial<EnvironmentFormState>) => void;
  errors: Record<string, string[]>;
  credentialsStored: boolean;
};

export function KubeconfigTargetFields({ state, update, errors, credentialsStored }: Props) {
  const uploadId = useId();
  const [contexts, setContexts] = useState<ContextOption[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [readError, setReadError] = useState<string | null>(null);
  const [readFor, setReadFor] = useState<string | null>(null);

  async function readContexts(kubeconfig: string) {
    setReadError(null);
    setReadFor(kubeconfig);
    if (!kubeconfig.trim()) {
      setContexts(null);
      return;
    }
    if (byteLength(kubeconfig) > MAX_KUBECONFIG_BYTES) {
      setReadError(`A kubeconfig is limited to ${formatBytes(MAX_KUBECONFIG_BYTES)}`);
      setContexts(null);
      return;
    }
    setLoading(true);
    try {
      const result = await api<ContextsResponse>("/api/kubeconfig/contexts", { body: { kubeconfig } });
      setContexts(result.contexts);
      // The same choice the server makes for an empty context (the current one, or the only one),
      // so the select always shows what Test connection and Create will use.
      const chosen =
        result.contexts.find((c) => c.name === state.context) ??
        result.contexts.find((c) => c.name === result.currentContext) ??
        (result.contexts.length === 1 ? result.contexts[0] : undefined);
      update({ context: chosen?.name ?? "" });
    } catch (error) {
      setContexts(null);
      setReadError(error instanceof ApiError ? (error.fieldErrors.kubeconfig?.join(" ") ?? error.body.message) : "The kubeconfig could not be read");
    } finally {
      setLoading(false);
    }
  }

  async function onFile(file: File | undefined) {
    setReadError(null);
    if (!file) return;
    const result = await readTextFile(file, MAX_KUBECONFIG_BYTES);
    if ("error" in result) {
      setReadError(result.error);
      return;
    }
    update({ kubeconfig: result.text });
    await readContexts(result.text);
  }

  const kubeconfigErrors = [...(errors["target.kubeconfig"] ?? []), ...(readError ? [readError] : [])];
  const selected = contexts?.find((c) => c.name === state.context);

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-1">
        <label htmlFor={uploadId} className="text-sm font-medium text-slate-800">
          Upload a kubeconfig (at most {formatBytes(MAX_KUBECONFIG_BYTES)})
        </label>
        <input id={uploadId} type="file" onChange={(e) => void onFile(e.target.files?.[0])} className="text-sm" />
      </div>
      <Field
        label="…or paste it"
        hint={
          credentialsStored
            ? `${STORED_SECRET_HINT}. Paste or upload a new kubeconfig to replace it.`
            : "The kubeconfig is encrypted at rest and never shown again."
        }
        errors={kubeconfigErrors.length ? kubeconfigErrors : undefined}
      >
        {(props) => (
          <textarea
            {...props}
            className={textareaClass}
            rows={6}
            value={state.kubeconfig}
            onChange={(e) => update({ kubeconfig: e.target.value })}
            onBlur={() => (state.kubeconfig !== readFor ? void readContexts(state.kubeconfig) : undefined)}
            placeholder={"# e.g.\napiVersion: v1\nkind: Config\nclusters: …"}
            spellCheck={false}
            autoComplete="off"
          />
        )}
      </Field>
      <div>
        <Button onClick={() => void readContexts(state.kubeconfig)} disabled={loading || !state.kubeconfig.trim()}>
          {loading ? "Reading contexts…" : "Read contexts"}
        </Button>
      </div>
      {contexts && contexts.length > 0 ? (
        <Field
          label="Context"
          hint={selected ? `Cluster ${selected.cluster}${selected.server ? ` at ${selected.server}` : ""}` : undefined}
          errors={errors["target.context"]}
        >
          {(props) => (
            <select {...props} className={inputClass} value={selected ? state.context : ""} onChange={(e) => update({ context: e.target.value })}>
              {/* Without it a select shows its first option while the value is empty: "ctx" next to "pick a context". */}
              {selected ? null : (
                <option value="" disabled>
                  Choose a context…
                </option>
              )}
              {contexts.map((context) => (
                <option key={context.name} value={context.name}>
                  {context.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : (
        <Field
          label="Context"
          hint={
            credentialsStored
              ? "The context of the stored kubeconfig. Upload the kubeconfig again to pick from its contexts."
              : "Upload or paste a kubeconfig to pick one of its contexts."
          }
          errors={errors["target.context"]}
        >
          {(props) => (
            <input
              {...props}
              className={inputClass}
              value={state.context}
              onChange={(e) => update({ context: e.target.value })}
              autoComplete="off"
              spellCheck={false}
            />
          )}
        </Field>
      )}
      <Field
        label="Default namespace"
        hint={`Optional: defaults to the context's namespace${selected?.namespace ? ` (${selected.namespace})` : ""}, or "default".`}
        errors={errors["target.defaultNamespace"]}
      >
        {(props) => (
          <input
            {...props}
            className={`${inputClass} max-w-xs`}
            value={state.defaultNamespace}
            onChange={(e) => update({ defaultNamespace: e.target.value })}
            autoComplete="off"
            spellCheck={false}
          />
        )}
      </Field>
    </div>
  );
}
