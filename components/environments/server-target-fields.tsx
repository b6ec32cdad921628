"use client";
// The fields of a target given by server URL (token and client-certificate authentication).
import { Field, inputClass } from "@/components/ui/field.tsx";
import { Notice } from "@/components/ui/notice.tsx";
import type { EnvironmentFormState } from "./environment-form-state.ts";
import { PemField } from "./pem-field.tsx";
import { STORED_SECRET_HINT } from "./secret-hint.ts";

type Props = {
  state: EnvironmentFormState;
  update: (patch: Partial<EnvironmentFormState>) => void;
  errors: Record<string, string[]>;
  /** The saved target uses this auth kind, so its credentials can be kept by leaving them empty. */
  credentialsStored: boolean;
};

export function ServerTargetFields({ state, update, errors, credentialsStored }: Props) {
  return (
    <div className="flex flex-col gap-4">
      <Field label="API server URL" hint="For example https://10.0.0.1:6443" errors={errors["target.serverUrl"]}>
        {(props) => (
          <input
            {...props}
            type="url"
            className={inputClass}
            value={state.serverUrl}
            onChange={(e) => update({ serverUrl: e.target.value })}
            placeholder="e.g. https://kubernetes.example.com:6443"
            autoComplete="off"
            spellCheck={false}
          />
        )}
      </Field>
      <PemField
        label="CA certificate (PEM)"
        hint="Optional: the certificate authority that signed the API server's certificate. Leave empty to use the system's trusted authorities."
        value={state.caCertificate}
        onChange={(caCertificate) => update({ caCertificate })}
        errors={errors["target.caCertificate"]}
        placeholder={"e.g.\n-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----"}
      />
      <div className="flex flex-col gap-2">
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input
            type="checkbox"
            checked={state.insecureSkipTlsVerify}
            onChange={(e) => update({ insecureSkipTlsVerify: e.target.checked })}
            className="h-4 w-4"
          />
          Skip TLS verification (insecure)
        </label>
        {state.insecureSkipTlsVerify ? (
          <Notice tone="warning">
            The server&apos;s certificate will not be checked: anyone between kdeploy and the cluster could read the credentials and change what is deployed.
            Use this only for a local test cluster.
          </Notice>
        ) : null}
      </div>
      {state.authKind === "token" ? (
        <Field
          label="Bearer token"
          hint={credentialsStored ? STORED_SECRET_HINT : "A service account token with rights to apply and watch the deployed objects."}
          errors={errors["target.token"]}
        >
          {(props) => (
            <input
              {...props}
              type="password"
              className={`${inputClass} font-mono`}
              value={state.token}
              onChange={(e) => update({ token: e.target.value })}
              autoComplete="new-password"
              spellCheck={false}
            />
          )}
        </Field>
      ) : (
        <>
          <PemField
            label="Client certificate (PEM)"
            hint={credentialsStored ? STORED_SECRET_HINT : undefined}
            value={state.clientCertificate}
            onChange={(clientCertificate) => update({ clientCertificate })}
            errors={errors["target.clientCertificate"]}
            placeholder={"e.g.\n-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----"}
          />
          <PemField
            label="Client key (PEM)"
            hint={credentialsStored ? STORED_SECRET_HINT : undefined}
            value={state.clientKey}
            onChange={(clientKey) => update({ clientKey })}
            errors={errors["target.clientKey"]}
            placeholder={"e.g.\n-----BEGIN PRIVATE KEY-----\n…\n-----END PRIVATE KEY-----"}
          />
        </>
      )}
      <Field label="Default namespace" hint="Steps without a namespace of their own deploy here." errors={errors["target.defaultNamespace"]}>
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
