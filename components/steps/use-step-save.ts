"use client";
// Saving a step: a courtesy check with the shared schema, then POST (new) or PUT with the version
// the user edited. The server's answer is authoritative: 422 → field errors, 409 → conflict.
import { useState } from "react";
import { api, ApiError } from "@/components/api-client.ts";
import type { StepView } from "@/server/contracts/projects.ts";
import { stepInput } from "@/server/contracts/steps/index.ts";
import { toStepInput, type StepDraft } from "./step-draft.ts";

export type SaveProblem = { kind: "invalid"; errors: Record<string, string[]> } | { kind: "conflict"; message: string } | { kind: "failed"; message: string };

export function useStepSave({
  projectId,
  stepId,
  version,
  onSaved,
}: {
  projectId: string;
  stepId?: string;
  version?: number;
  onSaved: (step: StepView) => void;
}) {
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<SaveProblem | undefined>();

  async function save(draft: StepDraft): Promise<boolean> {
    const body = toStepInput(draft);
    const checked = stepInput.safeParse(body);
    if (!checked.success) {
      setProblem({ kind: "invalid", errors: groupByPath(checked.error.issues) });
      return false;
    }
    setSaving(true);
    setProblem(undefined);
    try {
      const saved = stepId
        ? await api<StepView>(`/api/projects/${projectId}/steps/${stepId}`, { method: "PUT", body: { ...body, expectedVersion: version } })
        : await api<StepView>(`/api/projects/${projectId}/steps`, { method: "POST", body });
      onSaved(saved);
      return true;
    } catch (error) {
      setProblem(toProblem(error));
      return false;
    } finally {
      setSaving(false);
    }
  }

  /** A field was edited: its errors from the last save no longer apply to what it holds. */
  function clearFieldError(path: string) {
    setProblem((current) =>
      current?.kind === "invalid" && current.errors[path]
        ? { kind: "invalid", errors: Object.fromEntries(Object.entries(current.errors).filter(([key]) => key !== path)) }
        : current,
    );
  }

  return { save, saving, problem, clearProblem: () => setProblem(undefined), clearFieldError };
}

function groupByPath(issues: { path: PropertyKey[]; message: string }[]): Record<string, string[]> {
  const grouped: Record<string, string[]> = {};
  for (const issue of issues) (grouped[issue.path.map(String).join(".")] ??= []).push(issue.message);
  return grouped;
}

function toProblem(error: unknown): SaveProblem {
  if (error instanceof ApiError) {
    if (error.status === 422) return { kind: "invalid", errors: error.fieldErrors };
    if (error.status === 409) return { kind: "conflict", message: error.message };
    return { kind: "failed", message: error.message };
  }
  return { kind: "failed", message: error instanceof Error ? `Could not reach the server: ${error.message}` : "Could not reach the server" };
}
