"use client";
// "YAML preview" of a form-based step: the objects it will apply, or why it cannot yet.
import type { StepDraft } from "./step-draft.ts";
import { useYamlPreview } from "./use-yaml-preview.ts";

const MAX_ISSUES = 6;

export function YamlPreview({ draft }: { draft: StepDraft }) {
  const state = useYamlPreview(draft, true);
  return (
    <section aria-labelledby="yaml-preview-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <div className="mb-3 flex items-baseline justify-between gap-2">
        <h2 id="yaml-preview-heading" className="text-base font-semibold text-slate-900">
          YAML preview
        </h2>
        {state.status === "loading" ? <span className="text-xs text-slate-500">Updating…</span> : null}
      </div>
      <div aria-live="polite" data-testid="yaml-preview">
        {state.status === "ready" ? (
          <pre className="max-h-[36rem] overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-5 text-slate-100">{state.yaml}</pre>
        ) : state.status === "invalid" ? (
          <div className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            <p className="font-medium">The preview appears when the form is valid:</p>
            <ul className="mt-1 list-disc pl-5 text-xs">
              {state.issues.slice(0, MAX_ISSUES).map((issue, index) => (
                <li key={index}>{issue.message}</li>
              ))}
              {state.issues.length > MAX_ISSUES ? <li>and {state.issues.length - MAX_ISSUES} more</li> : null}
            </ul>
          </div>
        ) : state.status === "failed" ? (
          <p className="text-sm text-red-700">The preview is not available: {state.message}</p>
        ) : (
          <p className="text-sm text-slate-500">Building the preview…</p>
        )}
      </div>
      <p className="mt-3 text-xs text-slate-500">Secret values are shown as &lt;redacted&gt;.</p>
    </section>
  );
}
