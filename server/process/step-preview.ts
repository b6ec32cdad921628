// The YAML preview of a step: for a form-based step exactly the objects it will apply, for a YAML
// step its own text; secret values redacted either way.
import { stringify } from "yaml";
import type { StepInput } from "../contracts/steps/index.ts";
import { configMapObject, ingressObject, resourcesObjects, secretObject, serviceObject, type KubeObject } from "../deploy/render/form-objects.ts";
import { REDACTED } from "../kube/sanitize.ts";
import { redactYamlText } from "./yaml-secret-values.ts";

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
  if (step.type === "kubernetes-yaml") {
    const texts = step.config.source === "inline" ? [step.config.yaml] : step.config.files.map((file) => file.content);
    return texts
      .map(redactYamlText)
      .map((text) => (text.endsWith("\n") ? text : `${text}\n`))
      .join("---\n");
  }
  const objects = previewObjects(step) ?? [];
  return objects.map((object) => stringify(object, { aliasDuplicateObjects: false })).join("---\n");
}
