"use client";
// The YAML a form-based step will apply, fetched from the server ~400 ms after the last change.
import { useEffect, useRef, useState } from "react";
import { api, ApiError } from "@/components/api-client.ts";
import type { FieldIssue } from "@/server/contracts/api-errors.ts";
import { toStepInput, type StepDraft } from "./step-draft.ts";

export type YamlPreviewState =
  { status: "loading" } | { status: "ready"; yaml: string } | { status: "invalid"; issues: FieldIssue[] } | { status: "failed"; message: string };

const DEBOUNCE_MS = 400;

export function useYamlPreview(draft: StepDraft, active: boolean): YamlPreviewState {
  const [state, setState] = useState<YamlPreviewState>({ status: "loading" });
  const latest = useRef(0);
  useEffect(() => {
    if (!active) return;
    const request = ++latest.current;
    const timer = setTimeout(() => {
      api<{ yaml: string }>("/api/steps/preview", { method: "POST", body: toStepInput(draft) })
        .then((result) => request === latest.current && setState({ status: "ready", yaml: result.yaml }))
        .catch((error: unknown) => {
          if (request !== latest.current) return;
          if (error instanceof ApiError && error.status === 422) setState({ status: "invalid", issues: error.body.issues ?? [] });
          else setState({ status: "failed", message: error instanceof Error ? error.message : "Preview failed" });
        });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [draft, active]);
  return state;
}
