// Projects, releases and deployments: inputs and the views the browser receives.
import { z } from "zod";
import type { StepType } from "./steps/index.ts";
import type { Verification } from "./verification.ts";

export const projectInput = z.object({
  name: z.string().trim().min(1, { message: "Name is required", abort: true }).max(100, "Names are at most 100 characters"),
  description: z.string().trim().max(2000).default(""),
});
export type ProjectInput = z.infer<typeof projectInput>;

// Semantic version, with optional pre-release/build parts (1.2.3, 1.2.3-rc.1, 1.2.3+build.5).
export const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;

export const releaseInput = z.object({
  /** Empty: the next patch version after the project's highest release. */
  version: z.union([z.literal(""), z.string().trim().max(64).regex(SEMVER, "Version must be a semantic version such as 1.4.0")]).default(""),
  notes: z.string().trim().max(10_000).default(""),
});
export type ReleaseInput = z.infer<typeof releaseInput>;

export const deploymentInput = z.object({
  releaseId: z.string().min(1, { message: "Pick a release", abort: true }),
  environmentId: z.string().min(1, { message: "Pick an environment", abort: true }),
});
export type DeploymentInput = z.infer<typeof deploymentInput>;

export type ProjectView = {
  id: string;
  slug: string;
  name: string;
  description: string;
  processVersion: number;
  stepCount: number;
  releaseCount: number;
  latestRelease: string | null;
  /** True when the process changed after the latest release was created. */
  hasUnreleasedChanges: boolean;
  createdAt: string;
};

export type StepView = {
  id: string;
  position: number;
  name: string;
  type: StepType;
  enabled: boolean;
  /** Secret values are replaced by `{ key, hasValue }` entries. */
  config: Record<string, unknown>;
  verification: Verification;
  version: number;
  updatedAt: string;
};

export type ReleaseView = {
  id: string;
  projectId: string;
  version: string;
  notes: string;
  createdAt: string;
  stepCount: number;
};

export type ReleaseStepView = Omit<StepView, "version" | "updatedAt"> & { sourceStepId: string };
export type ReleaseDetailView = Omit<ReleaseView, "steps"> & { steps: ReleaseStepView[]; deploymentCount: number };

export const DEPLOYMENT_STATUSES = ["Queued", "Running", "Succeeded", "Failed", "NotExecuted", "Cancelled"] as const;
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];
export const STEP_RUN_STATUSES = ["Pending", "Running", "Succeeded", "Failed", "TimedOut", "Skipped", "NotExecuted"] as const;
export type StepRunStatus = (typeof STEP_RUN_STATUSES)[number];

export type StepRunView = {
  id: string;
  position: number;
  name: string;
  type: StepType;
  verificationEnabled: boolean;
  status: StepRunStatus;
  outcomeMessage: string;
  startedAt: string | null;
  finishedAt: string | null;
  frozenAt: string | null;
  /** The stored failure summary of a failed or timed-out step (StepRun.failureSummary), or null. */
  failureSummary?: unknown;
};

export type DeploymentView = {
  id: string;
  projectId: string;
  projectName: string;
  releaseId: string;
  releaseVersion: string;
  environmentId: string;
  environmentName: string;
  status: DeploymentStatus;
  message: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** The name of who queued it ("" for deployments from before users existed). */
  requestedBy: string;
  steps: StepRunView[];
};

export type LogLineView = { seq: number; at: string; level: "info" | "warning" | "error"; message: string };
