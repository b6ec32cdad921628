// The change trail's search form: a plain GET form like the snapshot search (a search is a URL),
// every input labelled, errors next to their field.
import { CHANGE_ACTION_CHOICES, CHANGE_SEARCH_MIN_LENGTH, CHANGE_TARGET_LABELS, CHANGE_TARGET_TYPES, type ChangeFilters } from "@/server/contracts/audit.ts";

export type ChangeFormValues = Partial<Record<keyof ChangeFilters, string>>;

const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-200";

function Field({ id, label, children, hint, error }: { id: string; label: string; children: React.ReactNode; hint?: string; error?: string }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      {hint ? <p className="mt-0.5 text-xs text-slate-500">{hint}</p> : null}
      {error ? (
        <p id={`${id}-error`} className="mt-0.5 text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function ChangeSearchForm({ values, issues }: { values: ChangeFormValues; issues: Record<string, string> }) {
  const invalid = (name: keyof ChangeFilters) => (issues[name] ? { "aria-invalid": true as const, "aria-describedby": `change-${name}-error` } : {});
  const text = (name: keyof ChangeFilters, placeholder?: string, type = "text") => (
    <input
      id={`change-${name}`}
      name={name}
      type={type}
      defaultValue={values[name] ?? ""}
      placeholder={placeholder}
      className={inputClass}
      {...invalid(name)}
    />
  );
  // An action from a shared link that is not one of the choices stays selected.
  const actions =
    CHANGE_ACTION_CHOICES.some((choice) => choice.value === values.action) || !values.action
      ? CHANGE_ACTION_CHOICES
      : [...CHANGE_ACTION_CHOICES, { value: values.action, label: `Starts with ${values.action}` }];
  return (
    <form
      method="get"
      action="/audit"
      role="search"
      aria-label="Search changes"
      className="grid gap-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:grid-cols-2 lg:grid-cols-4"
    >
      <input type="hidden" name="view" value="changes" />
      {values.actorId ? <input type="hidden" name="actorId" value={values.actorId} /> : null}
      {values.targetId ? <input type="hidden" name="targetId" value={values.targetId} /> : null}
      <Field id="change-search" label="Contains" hint={`Target, summary or who; at least ${CHANGE_SEARCH_MIN_LENGTH} characters`} error={issues.search}>
        {text("search", "staging")}
      </Field>
      <Field id="change-actor" label="Who" error={issues.actor}>
        {text("actor", "Name of a person or token owner")}
      </Field>
      <Field id="change-action" label="Action" error={issues.action}>
        <select id="change-action" name="action" defaultValue={values.action ?? ""} className={inputClass} {...invalid("action")}>
          <option value="">Any action</option>
          {actions.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="change-targetType" label="Target" error={issues.targetType}>
        <select id="change-targetType" name="targetType" defaultValue={values.targetType ?? ""} className={inputClass} {...invalid("targetType")}>
          <option value="">Any target</option>
          {CHANGE_TARGET_TYPES.map((type) => (
            <option key={type} value={type}>
              {CHANGE_TARGET_LABELS[type]}
            </option>
          ))}
        </select>
      </Field>
      <Field id="change-from" label="Changed from" error={issues.from}>
        {text("from", undefined, "date")}
      </Field>
      <Field id="change-to" label="Changed until" error={issues.to}>
        {text("to", undefined, "date")}
      </Field>
      <div className="flex items-end gap-2">
        <button
          type="submit"
          className="rounded-md bg-blue-700 px-4 py-2 text-sm font-semibold text-white hover:bg-blue-800 focus:outline-none focus:ring-2 focus:ring-blue-300"
        >
          Search
        </button>
        <a href="/audit?view=changes" className="rounded-md px-3 py-2 text-sm text-slate-700 underline-offset-2 hover:underline">
          Clear
        </a>
      </div>
    </form>
  );
}
