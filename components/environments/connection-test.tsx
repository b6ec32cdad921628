"use client";
// "Test connection" for the target as currently typed (before or after saving). Secret fields
// left empty on an existing environment are taken from its stored target by the server.
import { useState } from "react";
import { api, ApiError } from "@/components/api-client.ts";
import { Button } from "@/components/ui/button.tsx";
import type { TargetInput } from "@/server/contracts/environments.ts";

type ConnectionResult = { ok: true; serverVersion: string; platform: string; user: string } | { ok: false; message: string };

type Props = {
  buildTarget: () => TargetInput;
  environmentId?: string;
  /** Field errors from a 422 go to the form, next to their inputs. */
  onFieldErrors: (fields: Record<string, string[]>) => void;
};

export function ConnectionTest({ buildTarget, environmentId, onFieldErrors }: Props) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ConnectionResult | null>(null);

  async function test() {
    setBusy(true);
    setResult(null);
    onFieldErrors({});
    try {
      setResult(await api<ConnectionResult>("/api/environments/test-connection", { body: { target: buildTarget(), environmentId } }));
    } catch (error) {
      if (error instanceof ApiError && Object.keys(error.fieldErrors).length > 0) {
        onFieldErrors(error.fieldErrors);
        setResult({ ok: false, message: "Fix the highlighted fields, then test again." });
      } else {
        setResult({ ok: false, message: error instanceof ApiError ? error.body.message : "The server could not be reached" });
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button onClick={() => void test()} disabled={busy} aria-busy={busy}>
        {busy ? "Testing connection…" : "Test connection"}
      </Button>
      <div aria-live="polite" className="text-sm">
        {result?.ok ? (
          <span className="font-medium text-green-800">
            <span aria-hidden="true">✓ </span>Connected: Kubernetes {result.serverVersion}
            <span className="font-normal text-slate-600">
              {" "}
              ({result.platform}
              {result.user ? `, as ${result.user}` : ""})
            </span>
          </span>
        ) : result ? (
          <span className="font-medium text-red-700">
            <span aria-hidden="true">✕ </span>
            {result.message}
          </span>
        ) : null}
      </div>
    </div>
  );
}
