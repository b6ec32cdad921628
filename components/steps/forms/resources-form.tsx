"use client";
// Step type 4: Configure and apply Kubernetes resources: a Deployment plus optional Service,
// Ingress, ConfigMap and Secret.
import { fieldSetter, type ConfigDrafts } from "../step-draft.ts";
import { FieldGrid, FormSection } from "../fields/form-section.tsx";
import { NamespaceField } from "../fields/namespace-field.tsx";
import { DeploymentFields } from "./deployment-fields.tsx";
import { ContainerList } from "./container-list.tsx";
import { ResourcesServicePart } from "./resources-service-part.tsx";
import { ResourcesIngressPart } from "./resources-ingress-part.tsx";
import { ResourcesConfigMapPart, ResourcesSecretPart } from "./resources-data-parts.tsx";

type ResourcesConfig = ConfigDrafts["kubernetes-resources"];

export function ResourcesForm({ value, onChange }: { value: ResourcesConfig; onChange: (next: ResourcesConfig) => void }) {
  const set = fieldSetter(value, onChange);
  const deploymentName = value.deployment.name;
  return (
    <>
      <FormSection title="Deployment" description="Every object below is created in this namespace.">
        <FieldGrid>
          <NamespaceField value={value.namespace} onChange={set("namespace")} />
        </FieldGrid>
        <DeploymentFields value={value.deployment} onChange={set("deployment")} />
        <ContainerList containers={value.deployment.containers} onChange={(containers) => set("deployment")({ ...value.deployment, containers })} />
      </FormSection>
      <ResourcesServicePart value={value.service} onChange={set("service")} deploymentName={deploymentName} />
      <ResourcesIngressPart value={value.ingress} onChange={set("ingress")} deploymentName={deploymentName} />
      <ResourcesConfigMapPart value={value.configMap} onChange={set("configMap")} deploymentName={deploymentName} />
      <ResourcesSecretPart value={value.secret} onChange={set("secret")} deploymentName={deploymentName} />
    </>
  );
}
