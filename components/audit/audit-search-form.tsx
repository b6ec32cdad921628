// The auditors' search form: a plain GET form, so a search is a URL (shareable, back button,
// works without JavaScript) and every input has a visible label.
import type { AuditSearchQuery } from "@/server/contracts/audit.ts";
import { AUDIT_OUTCOMES } from "@/server/contracts/audit.ts";
import { ROW_STATUSES } from "@/server/contracts/object-status.ts";
import { ROW_STATUS_LABELS } from "@/components/object-status/row-status.tsx";

export type Option = { id: string; name: string };
export type AuditFormValues = Partial<Record<keyof AuditSearchQuery, string>>;

const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-200";
const OUTCOME_LABELS: Record<(typeof AUDIT_OUTCOMES)[number], string> = { Succeeded: "Succeeded", Failed: "Failed", TimedOut: "Timed out" };

function Field({ id, label, children, hint }: { id: string; label: string; children: React.ReactNode; hint?: string }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      {hint ? <p className="mt-0.5 text-xs text-slate-500">{hint}</p> : null}
    </div>
  );
}

function Select({ name, values, options, allLabel }: { name: keyof AuditSearchQuery; values: AuditFormValues; options: Option[]; allLabel: string }) {
  return (
    <select id={`audit-${name}`} name={name} defaultValue={values[name] ?? ""} className={inputClass}>
      <option value="">{allLabel}</option>
      {options.map((option) => (
        <option key={option.id} value={option.id}>
          {option.name}
        </option>
      ))}
    </select>
  );
}

export function AuditSearchForm({
  values,
  projects,
  environments,
  issues,
}: {
  values: AuditFormValues;
  projects: Option[];
  environments: Option[];
  issues: Record<string, string>;
}) {
  const text = (name: keyof AuditSearchQuery, placeholder?: string, type = "text") => (
    <input
      id={`audit-${name}`}
      name={name}
      type={type}
      defaultValue={values[name] ?? ""}
      placeholder={placeholder}
      aria-invalid={issues[name] ? true : undefined}
      aria-describedby={issues[name] ? `audit-${name}-error` : undefined}
      className={inputClass}
    />
  );
  const error = (name: string) =>
    issues[name] ? (
      <p id={`audit-${name}-error`} className="mt-0.5 text-xs text-red-700">
        {issues[name]}
      </p>
    ) : null;
  return (
    <form
      method="get"
      action="/audit"
      role="search"
      aria-label="Search snapshots"
      className="grid gap-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:grid-cols-2 lg:grid-cols-4"
    >
      <Field id="audit-mode" label="Show">
        <select id="audit-mode" name="mode" defaultValue={values.mode ?? "snapshots"} className={inputClass}>
          <option value="snapshots">Snapshots</option>
          <option value="objects">Objects</option>
        </select>
      </Field>
      <Field id="audit-projectId" label="Project">
        <Select name="projectId" values={values} options={projects} allLabel="All projects" />
      </Field>
      <Field id="audit-environmentId" label="Environment">
        <Select name="environmentId" values={values} options={environments} allLabel="All environments" />
      </Field>
      <Field id="audit-outcome" label="Step outcome">
        <Select name="outcome" values={values} options={AUDIT_OUTCOMES.map((id) => ({ id, name: OUTCOME_LABELS[id] }))} allLabel="Any outcome" />
      </Field>
      <Field id="audit-kind" label="Object kind">
        {text("kind", "Pod")}
      </Field>
      <Field id="audit-namespace" label="Namespace">
        {text("namespace", "default")}
      </Field>
      <Field id="audit-name" label="Object name">
        {text("name", "web-")}
        <select aria-label="How the name matches" name="nameMatch" defaultValue={values.nameMatch ?? "prefix"} className={inputClass}>
          <option value="prefix">starts with</option>
          <option value="contains">contains</option>
        </select>
      </Field>
      <Field id="audit-objectStatus" label="Object status">
        <Select name="objectStatus" values={values} options={ROW_STATUSES.map((id) => ({ id, name: ROW_STATUS_LABELS[id] }))} allLabel="Any status" />
      </Field>
      <Field id="audit-message" label="Message contains" hint="At least 3 characters, any case">
        {text("message", "CrashLoopBackOff")}
        {error("message")}
      </Field>
      <Field id="audit-from" label="Snapshot taken from">
        {text("from", undefined, "date")}
        {error("from")}
      </Field>
      <Field id="audit-to" label="Snapshot taken until">
        {text("to", undefined, "date")}
        {error("to")}
      </Field>
      <div className="flex items-end gap-2">
        <button
          type="submit"
          className="rounded-md bg-blue-700 px-4 py-2 text-sm font-semibold text-white hover:bg-blue-800 focus:outline-none focus:ring-2 focus:ring-blue-300"
        >
          Search
        </button>
        <a href="/audit" className="rounded-md px-3 py-2 text-sm text-slate-700 underline-offset-2 hover:underline">
          Clear
        </a>
      </div>
    </form>
  );
}
