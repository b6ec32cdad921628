"use client";
// The step list's changes to the process: each calls the API, then refreshes the server data.
// A 409 (someone else changed the process) is reported with its message; the caller offers Reload.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { api, ApiError } from "@/components/api-client.ts";
import type { StepView } from "@/server/contracts/projects.ts";

export type ProcessActionError = { message: string; conflict: boolean };

export function useProcessActions(projectId: string, processVersion: number) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<ProcessActionError | null>(null);

  function run(action: () => Promise<unknown>, afterSuccess?: () => void) {
    setError(null);
    startTransition(async () => {
      try {
        await action();
        afterSuccess?.();
      } catch (caught) {
        setError(
          caught instanceof ApiError
            ? { message: caught.body.message, conflict: caught.status === 409 }
            : { message: "The server could not be reached. Check your connection and try again.", conflict: false },
        );
      }
      router.refresh();
    });
  }

  const base = `/api/projects/${projectId}/steps`;
  return {
    pending,
    error,
    clearError: () => setError(null),
    reload: () => {
      setError(null);
      startTransition(() => router.refresh());
    },
    reorder: (stepIds: string[], afterSuccess?: () => void) =>
      run(() => api<StepView[]>(`${base}/order`, { method: "PUT", body: { stepIds, expectedProcessVersion: processVersion } }), afterSuccess),
    setEnabled: (step: StepView, enabled: boolean) =>
      run(() => api<StepView>(`${base}/${step.id}/enabled`, { method: "PUT", body: { enabled, expectedVersion: step.version } })),
    /** `done` runs whether or not the delete succeeded (it closes the confirm dialog). */
    remove: (step: StepView, done: () => void) => run(() => api<void>(`${base}/${step.id}`, { method: "DELETE" }).finally(done)),
  };
}
