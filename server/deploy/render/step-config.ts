// Step configurations are validated when saved; they are parsed again here because the stored
// JSON may predate a schema change, and the parsed value carries the schema's defaults.
import type { z } from "zod";
import { RenderError } from "./render-error.ts";

export function parseStepConfig<Schema extends z.ZodType>(schema: Schema, raw: unknown, stepLabel: string): z.infer<Schema> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 5).map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message));
  throw new RenderError(`The ${stepLabel} step's configuration is invalid: ${problems.join("; ")}`);
}
