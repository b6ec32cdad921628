// The YAML preview of a form-based step: exactly the objects it will apply, secret values redacted.
import { stringify } from "yaml";
import type { StepInput } from "../contracts/steps/index.ts";
import { configMapObject, ingressObject, resourcesObjects, secretObject, serviceObject, type KubeObject } from "../deploy/render/form-objects.ts";

export const REDACTED = "<redacted>";

export function previewObjects(step: StepInput): KubeObject[] | undefined {
  const redact = (entries: { key: string }[]) => entries.map((entry) => ({ key: entry.key, value: REDACTED }));
  switch (step.type) {
    case "configmap":
      return [configMapObject(step.config)];
    case "secret":
      return [secretObject(step.config, redact(step.config.data))];
    case "service":
      return [serviceObject(step.config)];
    case "ingress":
      return [ingressObject(step.config)];
    case "kubernetes-resources":
      return resourcesObjects(step.config, redact(step.config.secret.data));
    default:
      return undefined; // YAML, Kustomize and Helm steps are their own preview
  }
}

export function previewYaml(step: StepInput): string {
  const objects = previewObjects(step) ?? [];
  return objects.map((object) => stringify(object, { aliasDuplicateObjects: false })).join("---\n");
}
