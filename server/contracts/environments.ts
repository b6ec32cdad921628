// Environments and their Kubernetes target. Credentials go in, never come out: the view types
// below carry only non-secret descriptions of them.
import { z } from "zod";
import { parse } from "yaml";
import { namespaceName } from "./kubernetes-names.ts";
import { byteLength, formatBytes, MAX_KUBECONFIG_BYTES } from "./limits.ts";

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/;
const PEM_KEY = /-----BEGIN ([A-Z]+ )?PRIVATE KEY-----[\s\S]+-----END ([A-Z]+ )?PRIVATE KEY-----/;

export const environmentName = z
  .string()
  .trim()
  .min(1, { message: "Name is required", abort: true })
  .max(64, "Names are at most 64 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, "Use letters, digits, spaces, '.', '_' and '-'");

const serverUrl = z
  .string()
  .trim()
  .min(1, { message: "API server URL is required", abort: true })
  .pipe(z.url({ protocol: /^https?$/, message: "API server URL must be an http(s) URL such as https://10.0.0.1:6443" }));

// Parsed on the server (server/process/certificate-authority.ts), which names the problem: not
// PEM, cut off, text outside the blocks, not a certificate.
const caCertificate = z
  .string()
  .trim()
  .max(64 * 1024, "A CA certificate bundle is at most 64 KiB")
  .default("");

/** Secret fields are optional on update: absent or empty means "keep the stored value". */
const common = {
  serverUrl,
  caCertificate,
  insecureSkipTlsVerify: z.boolean().default(false),
  defaultNamespace: namespaceName.default("default"),
};

export const targetInput = z.discriminatedUnion("authKind", [
  z.object({
    authKind: z.literal("token"),
    ...common,
    token: z
      .string()
      .trim()
      .max(16 * 1024)
      .optional(),
  }),
  z.object({
    authKind: z.literal("clientCertificate"),
    ...common,
    clientCertificate: z
      .string()
      .trim()
      .max(64 * 1024)
      .refine((v) => v === "" || PEM_CERT.test(v), "Client certificate must be PEM")
      .optional(),
    clientKey: z
      .string()
      .trim()
      .max(64 * 1024)
      .refine((v) => v === "" || PEM_KEY.test(v), "Client key must be a PEM private key")
      .optional(),
  }),
  z.object({
    authKind: z.literal("kubeconfig"),
    kubeconfig: z
      .string()
      .refine((v) => byteLength(v) <= MAX_KUBECONFIG_BYTES, `A kubeconfig is limited to ${formatBytes(MAX_KUBECONFIG_BYTES)}`)
      .optional(),
    /** Empty: the kubeconfig's current context (as kubectl reads it). */
    context: z.string().trim().default(""),
    defaultNamespace: z.union([z.literal(""), namespaceName]).default(""),
  }),
]);
export type TargetInput = z.infer<typeof targetInput>;

export const environmentInput = z.object({
  name: environmentName,
  description: z.string().trim().max(2000).default(""),
  target: targetInput,
});
export type EnvironmentInput = z.infer<typeof environmentInput>;

export const environmentUpdateInput = environmentInput.extend({ expectedVersion: z.coerce.number().int().min(1) });

export type TargetView = {
  authKind: "token" | "clientCertificate" | "kubeconfig";
  serverUrl: string;
  caCertificate: string;
  insecureSkipTlsVerify: boolean;
  kubeconfigContext: string | null;
  defaultNamespace: string;
  /** e.g. "token ending …9f2c", "client certificate CN=admin": never the credential itself. */
  credentialHint: string;
};

export type EnvironmentView = {
  id: string;
  name: string;
  description: string;
  version: number;
  target: TargetView | null;
  createdAt: string;
  updatedAt: string;
};

export type KubeconfigContext = { name: string; cluster: string; user: string; namespace: string | null; server: string | null };

/** Lists a kubeconfig's contexts (shared: the browser shows the picker before saving). */
export function kubeconfigContexts(text: string): { contexts: KubeconfigContext[]; currentContext: string | null; error?: string } {
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    return { contexts: [], currentContext: null, error: `Not valid YAML: ${(error as Error).message.split("\n")[0]}` };
  }
  const config = document as { contexts?: unknown; clusters?: unknown; ["current-context"]?: unknown } | null;
  if (!config || typeof config !== "object" || !Array.isArray(config.contexts)) {
    return { contexts: [], currentContext: null, error: "Not a kubeconfig: it has no contexts" };
  }
  const clusters = Array.isArray(config.clusters) ? (config.clusters as { name?: string; cluster?: { server?: string } }[]) : [];
  const contexts = (config.contexts as { name?: string; context?: { cluster?: string; user?: string; namespace?: string } }[])
    .filter((entry) => typeof entry?.name === "string")
    .map((entry) => ({
      name: entry.name!,
      cluster: entry.context?.cluster ?? "",
      user: entry.context?.user ?? "",
      namespace: entry.context?.namespace ?? null,
      server: clusters.find((c) => c.name === entry.context?.cluster)?.cluster?.server ?? null,
    }));
  const current = typeof config["current-context"] === "string" ? config["current-context"] : null;
  return { contexts, currentContext: current, error: contexts.length ? undefined : "The kubeconfig has no contexts" };
}
