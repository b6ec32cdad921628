// The eight step types, their configuration schemas and the verification each one has.
import { z } from "zod";
import { helmVerification, objectStatusVerification } from "../verification.ts";
import { yamlStepConfig } from "./yaml.ts";
import { helmStepConfig } from "./helm.ts";
import { kustomizeStepConfig } from "./kustomize.ts";
import { resourcesStepConfig } from "./resources.ts";
import { configMapStepConfig } from "./configmap.ts";
import { secretStepConfig } from "./secret.ts";
import { ingressStepConfig } from "./ingress.ts";
import { serviceStepConfig } from "./service.ts";

export const STEP_TYPES = ["kubernetes-yaml", "helm-chart", "kustomize", "kubernetes-resources", "configmap", "secret", "ingress", "service"] as const;
export type StepType = (typeof STEP_TYPES)[number];
export const stepType = z.enum(STEP_TYPES, { message: `Step type must be one of ${STEP_TYPES.join(", ")}` });

export const STEP_TYPE_LABELS: Record<StepType, string> = {
  "kubernetes-yaml": "Deploy Kubernetes YAML",
  "helm-chart": "Deploy a Helm chart",
  kustomize: "Deploy with Kustomize",
  "kubernetes-resources": "Configure and apply Kubernetes resources",
  configmap: "Configure and apply a Kubernetes ConfigMap",
  secret: "Configure and apply a Kubernetes Secret",
  ingress: "Configure and apply a Kubernetes Ingress",
  service: "Configure and apply a Kubernetes Service",
};

export const stepConfigSchemas = {
  "kubernetes-yaml": yamlStepConfig,
  "helm-chart": helmStepConfig,
  kustomize: kustomizeStepConfig,
  "kubernetes-resources": resourcesStepConfig,
  configmap: configMapStepConfig,
  secret: secretStepConfig,
  ingress: ingressStepConfig,
  service: serviceStepConfig,
} as const;

export const isHelm = (type: StepType) => type === "helm-chart";
/** Step types whose configuration holds secret values (sealed at rest, never sent back). */
export const holdsSecrets = (type: StepType) => type === "secret" || type === "kubernetes-resources" || type === "kubernetes-yaml";

const stepName = z.string().trim().min(1, { message: "Step name is required", abort: true }).max(100, "Step names are at most 100 characters");

const variant = <T extends StepType>(type: T) =>
  z.object({
    type: z.literal(type),
    name: stepName,
    enabled: z.boolean().default(true),
    config: stepConfigSchemas[type],
    verification: isHelm(type)
      ? helmVerification.default(() => helmVerification.parse({}))
      : objectStatusVerification.default(() => objectStatusVerification.parse({})),
  });

/** A step as the browser or an import sends it. Verification defaults to on (a new step). */
export const stepInput = z.discriminatedUnion("type", [
  variant("kubernetes-yaml"),
  variant("helm-chart"),
  variant("kustomize"),
  variant("kubernetes-resources"),
  variant("configmap"),
  variant("secret"),
  variant("ingress"),
  variant("service"),
]);
export type StepInput = z.infer<typeof stepInput>;

/** An update names the version it edited (optimistic concurrency: a stale version gets 409). */
export const stepUpdateInput = z.intersection(stepInput, z.object({ expectedVersion: z.coerce.number().int().min(1) }));
export type StepUpdateInput = z.infer<typeof stepUpdateInput>;

export const stepOrderInput = z.object({
  stepIds: z.array(z.string().min(1)).max(500),
  expectedProcessVersion: z.coerce.number().int().min(0),
});

export const stepEnabledInput = z.object({ enabled: z.boolean(), expectedVersion: z.coerce.number().int().min(1) });

export * from "./yaml.ts";
export * from "./helm.ts";
export * from "./kustomize.ts";
export * from "./resources.ts";
export * from "./configmap.ts";
export * from "./secret.ts";
export * from "./ingress.ts";
export * from "./service.ts";
export type { SecretEntryView } from "./common.ts";
