// Step type 4: Configure and apply Kubernetes resources: a Deployment and, optionally, a Service,
// an Ingress, a ConfigMap and a Secret built from the same form. The blue/green strategy is not
// offered: object status verification applies to rolling-update and recreate deployments.
import { z } from "zod";
import { dnsLabel, labelMap, objectName, optionalNamespace, port, protocol } from "../kubernetes-names.ts";
import { keyValues, secretEntriesInput, secretEntriesStored } from "./common.ts";
import { checkPorts, serviceSpecFields } from "./service.ts";
import { ingressSpecFields } from "./ingress.ts";

const IMAGE = /^[a-z0-9]+([._\-/:@][a-zA-Z0-9_.-]+)*$/;
const QUANTITY = /^([0-9]+(\.[0-9]+)?)(m|Ki|Mi|Gi|Ti|k|M|G|T)?$/;
const quantity = (what: string) =>
  z.union([z.literal(""), z.string().trim().regex(QUANTITY, `${what} must be a Kubernetes quantity such as 250m, 1, 512Mi`)]).default("");

export const container = z.object({
  name: dnsLabel("Container name"),
  image: z.string().trim().min(1, { message: "Image is required", abort: true }).max(1024).regex(IMAGE, "Image must look like registry/name:tag"),
  ports: z
    .array(z.object({ name: z.union([z.literal(""), dnsLabel("Port name", 15)]).default(""), containerPort: port("Container port"), protocol }))
    .max(50)
    .default([]),
  env: keyValues,
  args: z.array(z.string().max(4096)).max(100).default([]),
  resources: z
    .object({
      cpuRequest: quantity("CPU request"),
      memoryRequest: quantity("Memory request"),
      cpuLimit: quantity("CPU limit"),
      memoryLimit: quantity("Memory limit"),
    })
    .default({ cpuRequest: "", memoryRequest: "", cpuLimit: "", memoryLimit: "" }),
  readinessProbe: z
    .object({
      type: z.enum(["none", "http", "tcp"]).default("none"),
      path: z.string().default("/"),
      port: z.union([z.literal(""), port("Probe port")]).default(""),
    })
    .default({ type: "none", path: "/", port: "" }),
});

const rollingValue = z.union([z.coerce.number().int().min(0), z.string().regex(/^\d{1,3}%$/, "Use a number or a percentage such as 25%")]);

const deploymentFields = z.object({
  name: objectName("Deployment name"),
  replicas: z.coerce
    .number({ message: "Replicas must be a whole number" })
    .int("Replicas must be a whole number")
    .min(0, "Replicas cannot be negative")
    .max(1000, "At most 1000 replicas")
    .default(1),
  labels: labelMap,
  strategy: z.enum(["RollingUpdate", "Recreate"]).default("RollingUpdate"),
  maxSurge: rollingValue.default("25%"),
  maxUnavailable: rollingValue.default("25%"),
  progressDeadlineSeconds: z.coerce.number().int().min(1).max(86_400).default(600),
  containers: z.array(container).min(1, { message: "Add at least one container", abort: true }).max(20),
});

const optionalService = z
  .object({ enabled: z.boolean().default(false), name: z.union([z.literal(""), dnsLabel("Service name")]).default(""), ...serviceSpecFields })
  .superRefine((service, context) => {
    if (service.enabled) checkPorts(service, context);
  });
const optionalIngress = z.object({
  enabled: z.boolean().default(false),
  name: z.union([z.literal(""), objectName("Ingress name")]).default(""),
  ...ingressSpecFields,
});
const optionalConfigMap = z.object({
  enabled: z.boolean().default(false),
  name: z.union([z.literal(""), objectName("ConfigMap name")]).default(""),
  data: keyValues,
});

const disabled = { enabled: false } as const;

const resourcesFields = {
  namespace: optionalNamespace,
  deployment: deploymentFields,
  // Optional parts are only validated in full when enabled (a disabled part may be half filled in).
  service: z
    .preprocess((v) => (isEnabled(v) ? v : { ...disabled, ports: [{ port: 80 }] }), optionalService)
    .default({ ...disabled, name: "", type: "ClusterIP", ports: [{ name: "", port: 80, protocol: "TCP" }] }),
  ingress: z
    .preprocess((v) => (isEnabled(v) ? v : { ...disabled, rules: [{ paths: [{ serviceName: "none", servicePort: 80 }] }] }), optionalIngress)
    .default({
      ...disabled,
      name: "",
      ingressClassName: "",
      rules: [{ host: "", paths: [{ path: "/", pathType: "Prefix", serviceName: "none", servicePort: 80 }] }],
      tls: [],
    }),
  configMap: z.preprocess((v) => (isEnabled(v) ? v : { ...disabled }), optionalConfigMap).default({ ...disabled, name: "", data: [] }),
};

function isEnabled(value: unknown): boolean {
  return typeof value === "object" && value !== null && (value as { enabled?: unknown }).enabled === true;
}

export const resourcesStepConfig = z.object({
  ...resourcesFields,
  secret: z
    .preprocess(
      (v) => (isEnabled(v) ? v : { ...disabled }),
      z.object({ enabled: z.boolean().default(false), name: z.union([z.literal(""), objectName("Secret name")]).default(""), data: secretEntriesInput }),
    )
    .default({ enabled: false, name: "", data: [] }),
});
export type ResourcesStepConfig = z.infer<typeof resourcesStepConfig>;

export const storedResourcesStepConfig = z.object({
  ...resourcesFields,
  secret: z.object({ enabled: z.boolean(), name: z.string(), data: secretEntriesStored }),
});
export type StoredResourcesStepConfig = z.infer<typeof storedResourcesStepConfig>;
