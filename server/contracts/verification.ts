// The verification options of a step (product.md, "Verification options").
import { z } from "zod";

export const DEFAULT_STEP_TIMEOUT_SECONDS = 180;
export const DEFAULT_STABILIZATION_SECONDS = 10;
export const DEFAULT_POD_START_GRACE_SECONDS = 30;
// Helm's own default for --timeout is 5m; we keep it for Helm steps.
export const DEFAULT_HELM_TIMEOUT_SECONDS = 300;
const MAX_TIMEOUT_SECONDS = 86_400;

// A number, or a string holding one (form fields send strings); anything else (true, "", "abc",
// null) is a field error rather than being coerced to 1 or 0.
const NUMERIC = /^\s*-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i;
const numberOrNumericString = (value: unknown) => (typeof value === "string" && NUMERIC.test(value) ? Number(value) : value);

const seconds = (what: string, min: number, max: number) =>
  z.preprocess(
    numberOrNumericString,
    z
      .number({ message: `${what} must be a whole number of seconds` })
      .int(`${what} must be a whole number of seconds`)
      .min(min, `${what} must be at least ${min} second${min === 1 ? "" : "s"}`)
      .max(max, `${what} must be at most ${max} seconds`),
  );

/** "Kubernetes Object Status Check", every step type except Helm. */
export const objectStatusVerification = z.object({
  kind: z.literal("objectStatus").default("objectStatus"),
  /** "Check that Kubernetes objects are running successfully" (true) or "Don't do any verification checks". */
  enabled: z.boolean().default(true),
  timeoutEnabled: z.boolean().default(true),
  timeoutSeconds: seconds("Step timeout", 1, MAX_TIMEOUT_SECONDS).default(DEFAULT_STEP_TIMEOUT_SECONDS),
  waitForJobs: z.boolean().default(false),
  stabilizationSeconds: seconds("Status stabilization timeout", 0, 3_600).default(DEFAULT_STABILIZATION_SECONDS),
  failEarlyWhenPodsCannotStart: z.boolean().default(false),
  podStartGraceSeconds: seconds("Pod start grace period", 1, 3_600).default(DEFAULT_POD_START_GRACE_SECONDS),
});
export type ObjectStatusVerification = z.infer<typeof objectStatusVerification>;

/** "Step Verification" of a Helm step: --wait, --wait-for-jobs, --timeout. */
export const helmVerification = z.object({
  kind: z.literal("helm").default("helm"),
  enabled: z.boolean().default(true),
  waitForJobs: z.boolean().default(false),
  timeoutSeconds: seconds("Timeout", 1, MAX_TIMEOUT_SECONDS).default(DEFAULT_HELM_TIMEOUT_SECONDS),
});
export type HelmVerification = z.infer<typeof helmVerification>;

export type Verification = ObjectStatusVerification | HelmVerification;

export const defaultObjectStatusVerification = (): ObjectStatusVerification => objectStatusVerification.parse({});
export const defaultHelmVerification = (): HelmVerification => helmVerification.parse({});

/** A step saved before verification existed carries no verification block: it stays off. */
export const legacyVerification = (helm: boolean): Verification =>
  helm ? { ...defaultHelmVerification(), enabled: false } : { ...defaultObjectStatusVerification(), enabled: false };
