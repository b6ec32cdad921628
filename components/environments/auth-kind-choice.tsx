"use client";
// The authentication kind as a radio group (arrow keys move between the choices).
import { useId } from "react";
import { AUTH_KIND_LABELS, AUTH_KINDS, type AuthKind } from "./auth-kind-labels.ts";

const descriptions: Record<AuthKind, string> = {
  token: "API server URL and a bearer token",
  clientCertificate: "API server URL and a client certificate and key",
  kubeconfig: "Upload a kubeconfig and pick a context",
};

export function AuthKindChoice({ value, onChange, errors }: { value: AuthKind; onChange: (value: AuthKind) => void; errors?: string[] }) {
  const baseId = useId();
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-sm font-medium text-slate-800">Authentication</legend>
      <div className="grid gap-2 sm:grid-cols-3">
        {AUTH_KINDS.map((kind) => (
          <label
            key={kind}
            className={`flex cursor-pointer gap-2 rounded-md border p-3 text-sm ${value === kind ? "border-blue-500 bg-blue-50" : "border-slate-300 bg-white hover:bg-slate-50"}`}
          >
            <input
              type="radio"
              name="authKind"
              value={kind}
              checked={value === kind}
              onChange={() => onChange(kind)}
              aria-labelledby={`${baseId}-${kind}-label`}
              aria-describedby={`${baseId}-${kind}-description`}
              className="mt-0.5"
            />
            <span>
              <span id={`${baseId}-${kind}-label`} className="block font-medium text-slate-900">
                {AUTH_KIND_LABELS[kind]}
              </span>
              <span id={`${baseId}-${kind}-description`} className="block text-xs text-slate-600">
                {descriptions[kind]}
              </span>
            </span>
          </label>
        ))}
      </div>
      {errors?.length ? (
        <p role="alert" className="text-xs font-medium text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}
