// Pieces shared by several step forms.
import { z } from "zod";
import { byteLength, formatBytes, MAX_STEP_FILES_BYTES, MAX_YAML_BYTES } from "../limits.ts";
import { configKey } from "../kubernetes-names.ts";

export const yamlText = (what: string) =>
  z.string().refine((text) => byteLength(text) <= MAX_YAML_BYTES, {
    message: `${what} is larger than ${formatBytes(MAX_YAML_BYTES)}; split it into several steps or files`,
  });

/** Files stored with a step (uploaded manifests, a kustomization directory). */
export const stepFiles = z
  .array(
    z.object({
      path: z
        .string()
        .trim()
        .min(1, { message: "File path is required", abort: true })
        .max(255)
        .refine((path) => !path.startsWith("/") && !path.split("/").includes(".."), "File paths must be relative and stay inside the step's folder"),
      content: z.string(),
    }),
  )
  .max(200, "At most 200 files")
  .refine((files) => files.reduce((sum, file) => sum + byteLength(file.content), 0) <= MAX_STEP_FILES_BYTES, {
    message: `The files together are larger than ${formatBytes(MAX_STEP_FILES_BYTES)}`,
  })
  .refine((files) => new Set(files.map((file) => file.path)).size === files.length, { message: "Two files have the same path" });

/** Plain key/value data (ConfigMap data, environment variables). */
export const keyValues = z
  .array(z.object({ key: configKey, value: z.string().max(MAX_YAML_BYTES, "Value is too large") }))
  .max(500, "At most 500 entries")
  .default([])
  .refine((entries) => new Set(entries.map((entry) => entry.key)).size === entries.length, { message: "Keys must be unique" });

/**
 * Secret data as the browser sends it: `value` is the new clear value, or absent to keep the
 * value already stored for that key (the browser never receives stored values).
 */
export const secretEntriesInput = z
  .array(z.object({ key: configKey, value: z.string().max(MAX_YAML_BYTES, "Value is too large").optional() }))
  .max(500, "At most 500 entries")
  .default([])
  .refine((entries) => new Set(entries.map((entry) => entry.key)).size === entries.length, { message: "Keys must be unique" });

/** Secret data as stored: every value sealed with AES-256-GCM (server/security/credentials.ts). */
export const secretEntriesStored = z.array(z.object({ key: configKey, sealedValue: z.string() }));

/** Secret data as the browser sees it: keys only. */
export type SecretEntryView = { key: string; hasValue: boolean };
