// The deployments list's query (filters and page, as they appear in the URL) and its answer.
import { z } from "zod";
import { DEPLOYMENT_STATUSES, type DeploymentStatus, type StepRunStatus } from "./projects.ts";

export const DEPLOYMENT_PAGE_SIZE = 25;
const MAX_PAGE = 10_000;

/** "running" covers Queued and Running; the others are a deployment status each. */
export const DEPLOYMENT_OUTCOMES = ["running", "succeeded", "failed", "not-executed", "cancelled"] as const;
export type DeploymentOutcome = (typeof DEPLOYMENT_OUTCOMES)[number];
export const OUTCOME_STATUSES: Record<DeploymentOutcome, DeploymentStatus[]> = {
  running: ["Queued", "Running"],
  succeeded: ["Succeeded"],
  failed: ["Failed"],
  "not-executed": ["NotExecuted"],
  cancelled: ["Cancelled"],
};
export const OUTCOME_LABELS: Record<DeploymentOutcome, string> = {
  running: "Queued or running",
  succeeded: "Succeeded",
  failed: "Failed",
  "not-executed": "Not executed",
  cancelled: "Cancelled",
};

// Ids are cuids (or test ids): letters, digits, "-" and "_". Anything else cannot match a row.
const id = (what: string) =>
  z
    .string()
    .trim()
    .max(64, `${what} is not a valid id`)
    .regex(/^[A-Za-z0-9_-]*$/, `${what} is not a valid id`)
    .transform((value) => value || undefined);

/** Search parameters arrive as strings (or repeated, as arrays): the first one counts. */
const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);

export const deploymentListQuery = z.object({
  project: z.preprocess(first, id("Project").optional()),
  environment: z.preprocess(first, id("Environment").optional()),
  outcome: z.preprocess(
    (value) => first(value) || undefined,
    z.enum(DEPLOYMENT_OUTCOMES, { message: `Outcome must be one of: ${DEPLOYMENT_OUTCOMES.join(", ")}` }).optional(),
  ),
  page: z.preprocess(
    (value) => first(value) || undefined,
    z.coerce
      .number({ message: "Page must be a number" })
      .int("Page must be a whole number")
      .min(1, "Page must be at least 1")
      .max(MAX_PAGE, `Page must be at most ${MAX_PAGE}`)
      .default(1),
  ),
});
export type DeploymentListQuery = z.infer<typeof deploymentListQuery>;

export type DeploymentListStep = { name: string; status: StepRunStatus; startedAt: string | null; finishedAt: string | null };

export type DeploymentListItem = {
  id: string;
  projectId: string;
  projectName: string;
  releaseVersion: string;
  environmentId: string;
  environmentName: string;
  status: DeploymentStatus;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  requestedBy: string;
  steps: DeploymentListStep[];
};

export type DeploymentListPage = { items: DeploymentListItem[]; page: number; pageSize: number; total: number; pageCount: number };

export { DEPLOYMENT_STATUSES };
