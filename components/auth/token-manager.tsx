"use client";
// The signed-in user's API tokens: create (the token is shown once, here), list, revoke.
import { useState, type FormEvent } from "react";
import type { ApiTokenView } from "@/server/auth/api-tokens.ts";
import { api, ApiError } from "@/components/api-client.ts";
import { Button } from "@/components/ui/button.tsx";
import { Field, inputClass } from "@/components/ui/field.tsx";
import { EmptyState, Notice } from "@/components/ui/notice.tsx";

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "—");

export function TokenManager({ initial }: { initial: ApiTokenView[] }) {
  const [tokens, setTokens] = useState(initial);
  const [name, setName] = useState("");
  const [days, setDays] = useState("90");
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [created, setCreated] = useState<{ token: string; name: string }>();
  const [error, setError] = useState<string>();

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setFields({});
    setError(undefined);
    const expiresInDays = days.trim() === "" ? null : Number(days);
    if (expiresInDays !== null && !Number.isInteger(expiresInDays)) {
      setFields({ expiresInDays: ["Enter a whole number of days, or leave it empty for no expiry"] });
      return;
    }
    try {
      const result = await api<{ token: string; view: ApiTokenView }>("/api/tokens", { body: { name, expiresInDays } });
      setTokens([result.view, ...tokens]);
      setCreated({ token: result.token, name: result.view.name });
      setName("");
    } catch (caught) {
      if (caught instanceof ApiError) {
        setFields(caught.fieldErrors);
        setError(caught.message);
      } else setError("The server could not be reached.");
    }
  };

  const revoke = async (token: ApiTokenView) => {
    if (!window.confirm(`Revoke "${token.name}"? Pipelines using it stop working at once.`)) return;
    const updated = await api<ApiTokenView>(`/api/tokens/${token.id}`, { method: "DELETE" });
    setTokens(tokens.map((candidate) => (candidate.id === token.id ? updated : candidate)));
  };

  return (
    <div className="flex flex-col gap-5">
      {created ? (
        <Notice tone="success" title={`Token "${created.name}" created`}>
          <p className="mt-1">Copy it now: it is shown only this once and stored only as a hash.</p>
          <code className="mt-2 block break-all rounded bg-white px-2 py-1 font-mono text-xs text-slate-900" data-testid="new-token">
            {created.token}
          </code>
          <p className="mt-2 text-xs">Send it as the header Authorization: Bearer &lt;token&gt;. It acts with your roles.</p>
        </Notice>
      ) : null}
      <form onSubmit={create} className="flex flex-wrap items-end gap-3" noValidate>
        {error && !Object.keys(fields).length ? <Notice tone="error">{error}</Notice> : null}
        <Field label="Token name" errors={fields.name} className="min-w-64 flex-1" hint="What uses it, e.g. “release pipeline”.">
          {(props) => <input {...props} className={inputClass} value={name} onChange={(event) => setName(event.target.value)} />}
        </Field>
        <Field label="Expires after (days)" errors={fields.expiresInDays} className="w-48" hint="Empty: never expires.">
          {(props) => <input {...props} inputMode="numeric" className={inputClass} value={days} onChange={(event) => setDays(event.target.value)} />}
        </Field>
        <Button type="submit" variant="primary" className="mb-5">
          Create token
        </Button>
      </form>
      {tokens.length === 0 ? (
        <EmptyState title="No API tokens">A token lets a pipeline create releases and deploy as you, without a browser.</EmptyState>
      ) : (
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
            <tr>
              <th className="py-2">Name</th>
              <th>Token</th>
              <th>Created</th>
              <th>Last used</th>
              <th>Expires</th>
              <th className="sr-only">Actions</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id} className="border-b border-slate-100">
                <td className="py-2 font-medium">{token.name}</td>
                <td className="font-mono text-xs">{token.prefix}…</td>
                <td>{when(token.createdAt)}</td>
                <td>{when(token.lastUsedAt)}</td>
                <td>{token.revokedAt ? <span className="text-red-700">Revoked {when(token.revokedAt)}</span> : when(token.expiresAt)}</td>
                <td className="text-right">
                  {token.revokedAt ? null : (
                    <Button variant="ghost" onClick={() => revoke(token)} aria-label={`Revoke ${token.name}`}>
                      Revoke
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
