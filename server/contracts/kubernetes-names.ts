// Kubernetes naming rules, as zod schemas with messages a release manager understands.
import { z } from "zod";

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** RFC 1123 label: Namespaces, Services, container and port names. */
export const dnsLabel = (what: string, max = 63) =>
  z
    .string()
    .trim()
    .min(1, { message: `${what} is required`, abort: true })
    .max(max, `${what} must be at most ${max} characters`)
    .regex(DNS_LABEL, `${what} must be lowercase letters, digits and '-', starting and ending with a letter or digit`);

/** RFC 1123 subdomain: names of most objects (Deployments, ConfigMaps, Secrets, Ingresses). */
export const objectName = (what: string) =>
  z
    .string()
    .trim()
    .min(1, { message: `${what} is required`, abort: true })
    .max(253, `${what} must be at most 253 characters`)
    .regex(DNS_SUBDOMAIN, `${what} must be lowercase letters, digits, '-' and '.', starting and ending with a letter or digit`);

export const namespaceName = dnsLabel("Namespace");
export const optionalNamespace = z
  .union([z.literal(""), namespaceName])
  .optional()
  .transform((value) => value || undefined);

export const configKey = z
  .string()
  .min(1, { message: "Key is required", abort: true })
  .max(253, "Key must be at most 253 characters")
  .regex(CONFIG_KEY, "Key may contain only letters, digits, '-', '_' and '.'");

export const labelMap = z
  .array(
    z.object({
      key: z.string().min(1, { message: "Label key is required", abort: true }).max(317).regex(LABEL_KEY, "Not a valid label key"),
      value: z.string().max(63, "Label values are at most 63 characters").regex(LABEL_VALUE, "Not a valid label value"),
    }),
  )
  .max(64, "At most 64 labels")
  .default([]);

export const port = (what: string) =>
  z.coerce
    .number({ message: `${what} must be a whole number` })
    .int(`${what} must be a whole number`)
    .min(1, { message: `${what} must be between 1 and 65535`, abort: true })
    .max(65535, `${what} must be between 1 and 65535`);

export const protocol = z.enum(["TCP", "UDP", "SCTP"]).default("TCP");
