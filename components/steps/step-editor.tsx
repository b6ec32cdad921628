"use client";
// The step editor: name and enabled flag, the type's own form, its verification options and,
// for form-based types, a live YAML preview. Save is the form's only submit.
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { api, ApiError } from "@/components/api-client.ts";
import { Button } from "@/components/ui/button.tsx";
import type { StepView } from "@/server/contracts/projects.ts";
import type { StepType } from "@/server/contracts/steps/index.ts";
import type { StepDraft } from "./step-draft.ts";
import { newStepDraft } from "./new-step-draft.ts";
import { draftFromView } from "./draft-from-view.ts";
import { FieldErrorsProvider } from "./field-errors.tsx";
import { ErrorSummary } from "./error-summary.tsx";
import { ConflictNotice, FailedNotice, SavedNotice } from "./save-status.tsx";
import { StepGeneralFields } from "./step-general-fields.tsx";
import { StepTypeForm, hasYamlPreview } from "./step-type-form.tsx";
import { VerificationSection } from "./verification-section.tsx";
import { YamlPreview } from "./yaml-preview.tsx";
import { useStepSave } from "./use-step-save.ts";

type StepEditorProps = { projectId: string; processHref: string } & ({ mode: "new"; type: StepType } | { mode: "edit"; step: StepView; justSaved?: boolean });

const NO_ERRORS: Record<string, string[]> = {};

export function StepEditor(props: StepEditorProps) {
  const { projectId, processHref } = props;
  const router = useRouter();
  const [draft, setDraft] = useState<StepDraft>(() => (props.mode === "new" ? newStepDraft(props.type) : draftFromView(props.step)));
  const [step, setStep] = useState<StepView | undefined>(props.mode === "edit" ? props.step : undefined);
  const [saved, setSaved] = useState(props.mode === "edit" && Boolean(props.justSaved));
  const [reloading, setReloading] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  const { save, saving, problem, clearProblem, clearFieldError } = useStepSave({
    projectId,
    stepId: step?.id,
    version: step?.version,
    onSaved: (view) => {
      if (!step) return router.replace(`/projects/${projectId}/steps/${view.id}?saved=1`);
      setStep(view);
      setDraft(draftFromView(view)); // new secret values are now stored: show them as "value set"
      setSaved(true);
    },
  });
  const errors = problem?.kind === "invalid" ? problem.errors : NO_ERRORS;

  // After a rejected save, move focus to the list of problems so keyboard and screen-reader users
  // hear it; only then: editing a field also changes the problem (its error is cleared), and focus
  // must stay in the field being typed in.
  const saveJustSubmitted = useRef(false);
  useEffect(() => {
    if (!problem) return; // the save is still on its way to the server
    if (problem.kind === "invalid" && saveJustSubmitted.current) summaryRef.current?.focus();
    saveJustSubmitted.current = false;
  }, [problem]);

  async function reload() {
    if (!step) return;
    setReloading(true);
    try {
      const fresh = await api<StepView>(`/api/projects/${projectId}/steps/${step.id}`);
      setStep(fresh);
      setDraft(draftFromView(fresh));
      clearProblem();
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) router.push(processHref);
    } finally {
      setReloading(false);
    }
  }

  return (
    <FieldErrorsProvider errors={errors} onFieldEdited={clearFieldError}>
      <form
        ref={formRef}
        noValidate
        aria-label={props.mode === "new" ? "New step" : `Edit step ${step?.name ?? ""}`}
        onKeyDown={(event) => preventImplicitSubmit(event, formRef.current)}
        onSubmit={(event) => {
          event.preventDefault();
          setSaved(false);
          saveJustSubmitted.current = true;
          void save(draft);
        }}
        className="flex flex-col gap-5"
      >
        {saved ? <SavedNotice projectId={projectId} /> : null}
        {problem?.kind === "conflict" ? <ConflictNotice message={problem.message} onReload={reload} reloading={reloading} /> : null}
        {problem?.kind === "failed" ? <FailedNotice message={problem.message} /> : null}
        <ErrorSummary ref={summaryRef} errors={errors} formRef={formRef} />
        <div className={hasYamlPreview(draft.type) ? "grid grid-cols-1 items-start gap-5 lg:grid-cols-[minmax(0,1fr)_22rem]" : "flex flex-col gap-5"}>
          <div className="flex min-w-0 flex-col gap-5">
            <StepGeneralFields draft={draft} onChange={setDraft} />
            <StepTypeForm draft={draft} onChange={setDraft} />
            <VerificationSection draft={draft} onChange={setDraft} />
          </div>
          {hasYamlPreview(draft.type) ? (
            <div className="lg:sticky lg:top-4">
              <YamlPreview draft={draft} />
            </div>
          ) : null}
        </div>
        <div className="flex items-center gap-3 border-t border-slate-200 pt-4">
          <Button type="submit" variant="primary" disabled={saving}>
            {saving ? "Saving…" : "Save"}
          </Button>
          <Link href={processHref} className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100">
            Cancel
          </Link>
          {step ? <span className="ml-auto text-xs text-slate-500">Version {step.version}</span> : null}
        </div>
      </form>
    </FieldErrorsProvider>
  );
}

/**
 * Enter in a one-line input would submit the whole form mid-edit; only the Save button (or
 * Ctrl/Cmd+Enter anywhere) saves.
 */
function preventImplicitSubmit(event: KeyboardEvent<HTMLFormElement>, form: HTMLFormElement | null) {
  if (event.key !== "Enter") return;
  if (event.ctrlKey || event.metaKey) {
    event.preventDefault();
    form?.requestSubmit();
    return;
  }
  const target = event.target;
  if (target instanceof HTMLInputElement && !["submit", "button", "reset", "file"].includes(target.type)) event.preventDefault();
}
