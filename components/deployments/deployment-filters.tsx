// The deployments list's filter form: a plain GET form, so the filters live in the URL, work
// without JavaScript and every control is a native, keyboard-usable one. Applying filters goes
// back to page 1.
import Link from "next/link";
import { DEPLOYMENT_OUTCOMES, OUTCOME_LABELS, type DeploymentListQuery } from "@/server/contracts/deployment-list.ts";

type Choice = { id: string; name: string };
type DeploymentFiltersProps = { projects: Choice[]; environments: Choice[]; values: Partial<Pick<DeploymentListQuery, "project" | "environment" | "outcome">> };

const select = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900";

export function DeploymentFilters({ projects, environments, values }: DeploymentFiltersProps) {
  const filtered = Boolean(values.project || values.environment || values.outcome);
  return (
    <form method="get" action="/deployments" aria-label="Filter deployments" className="flex flex-wrap items-end gap-3">
      <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
        Project
        <select name="project" defaultValue={values.project ?? ""} className={select}>
          <option value="">All projects</option>
          {projects.map((project) => (
            <option key={project.id} value={project.id}>
              {project.name}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
        Environment
        <select name="environment" defaultValue={values.environment ?? ""} className={select}>
          <option value="">All environments</option>
          {environments.map((environment) => (
            <option key={environment.id} value={environment.id}>
              {environment.name}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
        Outcome
        <select name="outcome" defaultValue={values.outcome ?? ""} className={select}>
          <option value="">Any outcome</option>
          {DEPLOYMENT_OUTCOMES.map((outcome) => (
            <option key={outcome} value={outcome}>
              {OUTCOME_LABELS[outcome]}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="rounded-md bg-blue-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-700">
        Apply filters
      </button>
      {filtered ? (
        <Link href="/deployments" className="py-1.5 text-sm text-blue-700 underline-offset-2 hover:underline">
          Clear filters
        </Link>
      ) : null}
    </form>
  );
}
