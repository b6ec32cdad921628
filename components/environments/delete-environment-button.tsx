"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, ApiError } from "@/components/api-client.ts";
import { Button } from "@/components/ui/button.tsx";
import { Notice } from "@/components/ui/notice.tsx";
import { ConfirmDialog } from "@/components/projects/confirm-dialog.tsx";

export function DeleteEnvironmentButton({ environmentId, name }: { environmentId: string; name: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      await api<void>(`/api/environments/${environmentId}`, { method: "DELETE" });
      router.push("/environments");
      router.refresh();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.body.message : "The server could not be reached");
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-col gap-2">
      {error ? (
        <Notice tone="error" title="The environment was not deleted">
          {error}
        </Notice>
      ) : null}
      <div>
        <Button variant="danger" onClick={() => setConfirming(true)}>
          Delete environment
        </Button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={`Delete environment "${name}"?`}
        confirmLabel="Delete environment"
        busy={busy}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void remove()}
      >
        Its Kubernetes target and stored credentials are removed. Environments that have deployments cannot be deleted.
      </ConfirmDialog>
    </div>
  );
}
