"use client";
// The type-specific part of the step form.
import type { StepDraft } from "./step-draft.ts";
import { YamlForm } from "./forms/yaml-form.tsx";
import { HelmForm } from "./forms/helm-form.tsx";
import { KustomizeForm } from "./forms/kustomize-form.tsx";
import { ResourcesForm } from "./forms/resources-form.tsx";
import { ConfigMapForm } from "./forms/configmap-form.tsx";
import { SecretForm } from "./forms/secret-form.tsx";
import { IngressForm } from "./forms/ingress-form.tsx";
import { ServiceForm } from "./forms/service-form.tsx";

/** Step types whose objects are built from a form (and so get a YAML preview). */
export const hasYamlPreview = (type: StepDraft["type"]) => ["kubernetes-resources", "configmap", "secret", "ingress", "service"].includes(type);

export function StepTypeForm({ draft, onChange }: { draft: StepDraft; onChange: (next: StepDraft) => void }) {
  switch (draft.type) {
    case "kubernetes-yaml":
      return <YamlForm value={draft.config} onChange={(config) => onChange({ ...draft, config })} />;
    case "helm-chart":
      return <HelmForm value={draft.config} onChange={(config) => onChange({ ...draft, config })} />;
    case "kustomize":
      return <KustomizeForm value={draft.config} onChange={(config) => onChange({ ...draft, config })} />;
    case "kubernetes-resources":
      return <ResourcesForm value={draft.config} onChange={(config) => onChange({ ...draft, config })} />;
    case "configmap":
      return <ConfigMapForm value={draft.config} onChange={(config) => onChange({ ...draft, config })} />;
    case "secret":
      return <SecretForm value={draft.config} onChange={(config) => onChange({ ...draft, config })} />;
    case "ingress":
      return <IngressForm value={draft.config} onChange={(config) => onChange({ ...draft, config })} />;
    case "service":
      return <ServiceForm value={draft.config} onChange={(config) => onChange({ ...draft, config })} />;
  }
}
