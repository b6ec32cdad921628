// Step type 2: Deploy a Helm chart.
import { z } from "zod";
import { parse } from "yaml";
import { dnsLabel, optionalNamespace } from "../kubernetes-names.ts";
import { byteLength, formatBytes, MAX_CHART_ARCHIVE_BYTES } from "../limits.ts";
import { yamlText } from "./common.ts";

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const chartSource = z.discriminatedUnion("source", [
  z.object({
    source: z.literal("repository"),
    repositoryUrl: z.url({ protocol: /^https?$/, message: "Repository URL must be an http(s) URL" }),
    chartName: z.string().trim().min(1, { message: "Chart name is required", abort: true }).max(253),
    chartVersion: z.string().trim().max(64).default(""),
  }),
  z.object({
    source: z.literal("oci"),
    reference: z
      .string()
      .trim()
      .regex(/^oci:\/\/[^\s]+$/, "OCI reference must look like oci://registry/path/chart"),
    chartVersion: z.string().trim().max(64).default(""),
  }),
  z.object({
    source: z.literal("path"),
    path: z
      .string()
      .trim()
      .min(1, { message: "Chart path is required", abort: true })
      .max(1024)
      .refine((p) => p.startsWith("/"), "Use an absolute path on the server"),
  }),
  z.object({
    source: z.literal("upload"),
    fileName: z
      .string()
      .trim()
      .min(1, { message: "Upload a chart archive (.tgz)", abort: true })
      .regex(/\.(tgz|tar\.gz)$/, "The chart must be a .tgz archive"),
    archiveBase64: z
      .string()
      .min(1, { message: "Upload a chart archive (.tgz)", abort: true })
      .refine((data) => (byteLength(data) * 3) / 4 <= MAX_CHART_ARCHIVE_BYTES, {
        message: `Chart archives are limited to ${formatBytes(MAX_CHART_ARCHIVE_BYTES)}`,
        abort: true,
      })
      .refine((data) => BASE64.test(data), { message: "The chart archive must be sent base64-encoded", abort: true })
      // A .tgz starts with gzip's magic bytes 1f 8b, which base64 spells "H4sI" (when followed by deflate, 08).
      .refine((data) => data.startsWith("H4s"), "The file is not a gzip archive (.tgz); package the chart with `helm package`"),
  }),
]);

export const helmStepConfig = z.object({
  chart: chartSource,
  releaseName: dnsLabel("Release name", 53),
  namespace: optionalNamespace,
  values: yamlText("The values")
    .default("")
    .superRefine((text, context) => {
      if (!text.trim()) return;
      try {
        const parsed: unknown = parse(text);
        if (parsed !== null && (typeof parsed !== "object" || Array.isArray(parsed))) {
          context.addIssue({ code: "custom", message: "Values must be a YAML mapping (key: value)" });
        }
      } catch (error) {
        context.addIssue({ code: "custom", message: `Values are not valid YAML: ${(error as Error).message.split("\n")[0]}` });
      }
    }),
});
export type HelmStepConfig = z.infer<typeof helmStepConfig>;
