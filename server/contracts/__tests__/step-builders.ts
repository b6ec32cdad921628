// Minimal valid inputs for each of the eight step types, for tests to vary.
import type { StepType } from "../steps/index.ts";

export const DEPLOYMENT_YAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: nginx:1.27 }] }
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: { app: web }
  ports: [{ port: 80 }]
`;

export const validConfigs: Record<StepType, Record<string, unknown>> = {
  "kubernetes-yaml": { source: "inline", yaml: DEPLOYMENT_YAML },
  "helm-chart": {
    chart: { source: "repository", repositoryUrl: "https://charts.example.com", chartName: "nginx", chartVersion: "1.2.3" },
    releaseName: "web",
    values: "replicaCount: 2\n",
  },
  kustomize: {
    source: "files",
    files: [
      { path: "kustomization.yaml", content: "resources:\n  - deployment.yaml\n" },
      { path: "deployment.yaml", content: DEPLOYMENT_YAML },
    ],
  },
  "kubernetes-resources": {
    deployment: { name: "web", replicas: 2, containers: [{ name: "web", image: "nginx:1.27", ports: [{ containerPort: 80 }] }] },
    service: { enabled: true, ports: [{ port: 80, targetPort: 80 }] },
  },
  configmap: { name: "settings", data: [{ key: "LOG_LEVEL", value: "info" }] },
  secret: { name: "credentials", data: [{ key: "password", value: "s3cr3t-value" }] },
  ingress: { name: "web", rules: [{ host: "shop.example.com", paths: [{ path: "/", serviceName: "web", servicePort: 80 }] }] },
  service: { name: "web", selector: [{ key: "app", value: "web" }], ports: [{ port: 80, targetPort: 8080 }] },
};

export function validStep(type: StepType, overrides: Record<string, unknown> = {}) {
  return { type, name: `${type} step`, config: structuredClone(validConfigs[type]), ...overrides };
}
