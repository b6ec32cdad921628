// Rendering: turns a step's stored configuration into the Kubernetes objects to apply (or, for
// Helm, a plan for the helm CLI). One module per step family; this file only dispatches.
import type { StepType } from "../../contracts/steps/index.ts";
import { renderFormStep } from "./forms.ts";
import { renderHelmStep } from "./helm.ts";
import { renderKustomizeStep } from "./kustomize.ts";
import type { RenderContext, RenderResult } from "./render-types.ts";
import { renderYamlStep } from "./yaml.ts";

export type { RenderContext, RenderResult } from "./render-types.ts";
export type { KubeObject } from "./form-objects.ts";
export type { HelmPlan, HelmChartRef } from "../helm/helm-plan.ts";
export { RenderError } from "./render-error.ts";

/** Throws RenderError (message fit for the task log) when the step cannot be rendered. */
export async function renderStep(step: { type: StepType; config: unknown }, context: RenderContext): Promise<RenderResult> {
  switch (step.type) {
    case "kubernetes-yaml":
      return renderYamlStep(step.config, context);
    case "kustomize":
      return renderKustomizeStep(step.config, context);
    case "helm-chart":
      return renderHelmStep(step.config, context);
    case "kubernetes-resources":
    case "configmap":
    case "secret":
    case "ingress":
    case "service":
      return renderFormStep(step.type, step.config, context);
  }
}
