// A release step as stored (JSON columns) is checked against the step contracts before it runs
// (its type and verification options here, its configuration when it renders):
// a document that no longer fits (edited by hand, written by an older version) fails its step
// with a sentence saying what is wrong, instead of crashing the engine half-way.
import type { z } from "zod";
import { isHelm, stepType, type StepType } from "../contracts/steps/index.ts";
import { helmVerification, objectStatusVerification, type HelmVerification, type ObjectStatusVerification } from "../contracts/verification.ts";

export type ParsedStoredStep =
  { ok: true; type: StepType; config: unknown; verification: ObjectStatusVerification | HelmVerification } | { ok: false; message: string };

const issues = (error: z.ZodError) =>
  error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ");

export function parseStoredStep(stored: { type: string; config: unknown; verification: unknown }): ParsedStoredStep {
  const type = stepType.safeParse(stored.type);
  if (!type.success) return { ok: false, message: `The stored step has an unknown type "${stored.type}"` };
  // The configuration is parsed by rendering (render/step-config.ts), with each type's stored
  // shape (a YAML step's sealed values, old rows' defaults); an invalid one fails the step there.
  const verification = (isHelm(type.data) ? helmVerification : objectStatusVerification).safeParse(stored.verification ?? {});
  if (!verification.success) return { ok: false, message: `The stored verification options of this step are invalid: ${issues(verification.error)}` };
  return { ok: true, type: type.data, config: stored.config, verification: verification.data };
}
