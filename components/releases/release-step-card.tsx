// One frozen step of a release: what it was, how it was verified and its key settings.
import type { ReleaseStepView } from "@/server/contracts/projects.ts";
import { STEP_TYPE_LABELS } from "@/server/contracts/steps/index.ts";
import { verificationSummary } from "@/components/projects/verification-summary.ts";
import { stepConfigSummary } from "./step-config-summary.ts";

export function ReleaseStepCard({ step, index }: { step: ReleaseStepView; index: number }) {
  const entries = stepConfigSummary(step.type, step.config);
  const verification = verificationSummary(step.verification);
  return (
    <li className={`px-5 py-4 ${step.enabled ? "" : "bg-slate-50"}`}>
      <div className="flex flex-wrap items-center gap-2">
        <span
          className="flex h-6 w-6 items-center justify-center rounded-full bg-slate-100 text-xs font-semibold tabular-nums text-slate-700"
          aria-label={`Position ${index + 1}`}
        >
          {index + 1}
        </span>
        <h3 className="font-medium text-slate-900">{step.name}</h3>
        <span className="text-xs text-slate-600">{STEP_TYPE_LABELS[step.type] ?? step.type}</span>
        {step.enabled ? (
          <span className="rounded-full bg-green-50 px-2 py-0.5 text-xs font-medium text-green-800 ring-1 ring-inset ring-green-300">Enabled</span>
        ) : (
          <span className="rounded-full bg-slate-200 px-2 py-0.5 text-xs font-medium text-slate-700">Disabled</span>
        )}
      </div>
      <dl className="mt-2 grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[12rem_1fr]">
        <dt className="text-slate-500">Verification</dt>
        <dd className={verification === "Verification off" ? "text-amber-700" : "text-slate-800"}>{verification}</dd>
        {entries.map((entry) => (
          <div key={entry.label} className="contents">
            <dt className="text-slate-500">{entry.label}</dt>
            <dd className="min-w-0 break-words text-slate-800">
              {entry.value}
              {entry.block ? (
                <details className="mt-1">
                  <summary className="cursor-pointer text-xs text-blue-700">Show {entry.label.toLowerCase()}</summary>
                  <pre className="mt-1 max-h-80 overflow-auto rounded bg-slate-900 p-3 text-xs leading-5 text-slate-100">{entry.block}</pre>
                </details>
              ) : null}
            </dd>
          </div>
        ))}
      </dl>
    </li>
  );
}
