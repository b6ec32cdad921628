// The save-time half of the server path rule: a Helm chart path or a Kustomize directory on the
// server must be under a configured root. A path that does not exist yet is accepted here (a
// process can be imported before its charts are copied); rendering refuses it with a clear line.
import type { FieldIssue } from "../contracts/api-errors.ts";
import type { Database } from "../store/database.ts";
import { FieldValidationError } from "../errors.ts";
import { checkServerPath } from "./server-paths.ts";
import { readServerSettings } from "./server-settings.ts";

type StepLike = { type: string; config: unknown };

/** The server path a step reads, with its field path in the step input; undefined for other steps. */
export function serverPathOf(step: StepLike): { path: string; field: string } | undefined {
  const config = step.config as { source?: string; path?: unknown; chart?: { source?: string; path?: unknown } } | null;
  if (step.type === "helm-chart" && config?.chart?.source === "path" && typeof config.chart.path === "string")
    return { path: config.chart.path, field: "config.chart.path" };
  if (step.type === "kustomize" && config?.source === "path" && typeof config.path === "string") return { path: config.path, field: "config.path" };
  return undefined;
}

export async function serverPathIssues(roots: readonly string[], step: StepLike): Promise<FieldIssue[]> {
  const target = serverPathOf(step);
  if (!target) return [];
  const check = await checkServerPath(target.path, roots);
  return check.ok || check.reason === "missing" ? [] : [{ path: target.field, message: check.message }];
}

/** Throws a FieldValidationError on the path field when the step reads a path outside the roots. */
export async function requireAllowedServerPaths(db: Database, step: StepLike): Promise<void> {
  if (!serverPathOf(step)) return;
  const issues = await serverPathIssues((await readServerSettings(db)).serverPathRoots, step);
  if (issues.length) throw new FieldValidationError(issues);
}

/** The same for a whole imported process; issue paths are "steps.<index>.<field>". */
export async function requireAllowedServerPathsOfSteps(db: Database, steps: (StepLike & { name: string })[]): Promise<void> {
  if (!steps.some((step) => serverPathOf(step))) return;
  const roots = (await readServerSettings(db)).serverPathRoots;
  const perStep = await Promise.all(
    steps.map(async (step, index) =>
      (await serverPathIssues(roots, step)).map((issue) => ({ path: `steps.${index}.${issue.path}`, message: `Step "${step.name}": ${issue.message}` })),
    ),
  );
  if (perStep.flat().length) throw new FieldValidationError(perStep.flat());
}
