// What a new step of each type starts with. Verification defaults come from the contract (on).
import { STEP_TYPE_LABELS, type StepType } from "@/server/contracts/steps/index.ts";
import { defaultHelmVerification, defaultObjectStatusVerification } from "@/server/contracts/verification.ts";
import type { ConfigDrafts, StepDraft } from "./step-draft.ts";

export const newContainer = (): ConfigDrafts["kubernetes-resources"]["deployment"]["containers"][number] => ({
  name: "app",
  image: "",
  ports: [],
  env: [],
  args: [],
  resources: { cpuRequest: "", memoryRequest: "", cpuLimit: "", memoryLimit: "" },
  readinessProbe: { type: "none", path: "/", port: "" },
});

export const newIngressRule = (serviceName = "", servicePort: number | string = 80) => ({
  host: "",
  paths: [{ path: "/", pathType: "Prefix" as const, serviceName, servicePort }],
});

const newConfigs: { [T in StepType]: () => ConfigDrafts[T] } = {
  "kubernetes-yaml": () => ({ source: "inline", yaml: "", files: [], namespace: "" }),
  "helm-chart": () => ({ chart: { source: "repository", repositoryUrl: "", chartName: "", chartVersion: "" }, releaseName: "", namespace: "", values: "" }),
  kustomize: () => ({ source: "files", files: [], overlay: "", path: "", namespace: "" }),
  "kubernetes-resources": () => ({
    namespace: "",
    deployment: {
      name: "",
      replicas: 1,
      labels: [],
      strategy: "RollingUpdate",
      maxSurge: "25%",
      maxUnavailable: "25%",
      progressDeadlineSeconds: 600,
      containers: [newContainer()],
    },
    service: { enabled: false, name: "", type: "ClusterIP", ports: [{ name: "", port: 80, protocol: "TCP" }] },
    ingress: { enabled: false, name: "", ingressClassName: "", rules: [newIngressRule()], tls: [] },
    configMap: { enabled: false, name: "", data: [] },
    secret: { enabled: false, name: "", data: [] },
  }),
  configmap: () => ({ name: "", namespace: "", labels: [], data: [{ key: "", value: "" }] }),
  secret: () => ({ name: "", namespace: "", type: "Opaque", labels: [], data: [{ key: "", value: "" }] }),
  ingress: () => ({ name: "", namespace: "", labels: [], annotations: [], ingressClassName: "", rules: [newIngressRule()], tls: [] }),
  service: () => ({
    name: "",
    namespace: "",
    labels: [],
    selector: [{ key: "app.kubernetes.io/name", value: "" }],
    type: "ClusterIP",
    ports: [{ name: "", port: 80, protocol: "TCP" }],
  }),
};

export function newStepDraft(type: StepType): StepDraft {
  const common = { name: STEP_TYPE_LABELS[type], enabled: true };
  if (type === "helm-chart") return { ...common, type, config: newConfigs[type](), verification: defaultHelmVerification() };
  return { ...common, type, config: newConfigs[type](), verification: defaultObjectStatusVerification() } as StepDraft;
}
