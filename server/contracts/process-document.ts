// The export/import format of a deployment process (JSON or YAML, same structure).
import { z } from "zod";
import { STEP_TYPES } from "./steps/index.ts";

export const PROCESS_DOCUMENT_KIND = "kdeploy.dev/DeploymentProcess";

/** Loose on purpose: each step is validated by the step schemas, with paths like steps.2.config.yaml. */
export const processDocument = z.object({
  kind: z.literal(PROCESS_DOCUMENT_KIND, { message: `Not a process export: kind must be ${PROCESS_DOCUMENT_KIND}` }),
  formatVersion: z.literal(1, { message: "Unsupported formatVersion (this server reads 1)" }),
  project: z.object({ name: z.string() }).partial().optional(),
  steps: z
    .array(
      z.looseObject({
        name: z.string(),
        type: z.enum(STEP_TYPES, { message: `Unknown step type; known types: ${STEP_TYPES.join(", ")}` }),
        enabled: z.boolean().optional(),
        config: z.unknown(),
        verification: z.unknown().optional(),
      }),
    )
    .max(500, "At most 500 steps"),
});
export type ProcessDocument = z.infer<typeof processDocument>;

export const importInput = z.object({
  format: z.enum(["json", "yaml"]).optional(),
  content: z.string().min(1, { message: "Paste or upload a process export", abort: true }),
});
