// Builds the Kubernetes objects of the form-based step types (ConfigMap, Secret, Ingress,
// Service, "configure and apply resources"). Pure: the same function feeds the YAML preview in
// the editor (secret values redacted) and the apply at deploy time (values unsealed).
import type { ConfigMapStepConfig, IngressStepConfig, ResourcesStepConfig, ServiceStepConfig } from "../../contracts/steps/index.ts";

export type KubeObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [key: string]: unknown;
};
export type SecretValues = { key: string; value: string }[];

const toMap = (entries: { key: string; value: string }[]) => Object.fromEntries(entries.map((entry) => [entry.key, entry.value]));
const withNamespace = (namespace: string | undefined) => (namespace ? { namespace } : {});
const labelsOf = (labels: { key: string; value: string }[]) => (labels.length ? { labels: toMap(labels) } : {});

export function configMapObject(config: Pick<ConfigMapStepConfig, "name" | "namespace" | "labels" | "data">): KubeObject {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: config.name, ...withNamespace(config.namespace), ...labelsOf(config.labels) },
    data: toMap(config.data),
  };
}

export function secretObject(
  config: { name: string; namespace?: string; type?: string; labels: { key: string; value: string }[] },
  values: SecretValues,
): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: config.name, ...withNamespace(config.namespace), ...labelsOf(config.labels) },
    type: config.type ?? "Opaque",
    stringData: toMap(values),
  };
}

type ServicePorts = ServiceStepConfig["ports"];
const servicePorts = (ports: ServicePorts) =>
  ports.map((p) => ({
    ...(p.name ? { name: p.name } : {}),
    port: p.port,
    targetPort: p.targetPort ?? p.port,
    protocol: p.protocol,
    ...(p.nodePort ? { nodePort: p.nodePort } : {}),
  }));

export function serviceObject(config: Pick<ServiceStepConfig, "name" | "namespace" | "labels" | "selector" | "type" | "ports">): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: config.name, ...withNamespace(config.namespace), ...labelsOf(config.labels) },
    spec: { type: config.type, selector: toMap(config.selector), ports: servicePorts(config.ports) },
  };
}

export function ingressObject(
  config: Pick<IngressStepConfig, "name" | "namespace" | "labels" | "ingressClassName" | "rules" | "tls"> & { annotations?: IngressStepConfig["annotations"] },
): KubeObject {
  const annotations = config.annotations?.length ? { annotations: toMap(config.annotations) } : {};
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: { name: config.name, ...withNamespace(config.namespace), ...labelsOf(config.labels), ...annotations },
    spec: {
      ...(config.ingressClassName ? { ingressClassName: config.ingressClassName } : {}),
      rules: config.rules.map((rule) => ({
        ...(rule.host ? { host: rule.host } : {}),
        http: {
          paths: rule.paths.map((p) => ({
            path: p.path,
            pathType: p.pathType,
            backend: { service: { name: p.serviceName, port: typeof p.servicePort === "number" ? { number: p.servicePort } : { name: p.servicePort } } },
          })),
        },
      })),
      ...(config.tls.length ? { tls: config.tls } : {}),
    },
  };
}

/** "Configure and apply resources": a Deployment plus the enabled optional objects. */
export function resourcesObjects(
  config: Omit<ResourcesStepConfig, "secret"> & { secret: { enabled: boolean; name: string } },
  secretValues: SecretValues,
): KubeObject[] {
  const d = config.deployment;
  const appLabels = { "app.kubernetes.io/name": d.name, ...toMap(d.labels) };
  const configMapName = config.configMap.name || `${d.name}-config`;
  const secretName = config.secret.name || `${d.name}-secret`;
  const envFrom = [
    ...(config.configMap.enabled ? [{ configMapRef: { name: configMapName } }] : []),
    ...(config.secret.enabled ? [{ secretRef: { name: secretName } }] : []),
  ];
  const deployment: KubeObject = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: d.name, ...withNamespace(config.namespace), labels: appLabels },
    spec: {
      replicas: d.replicas,
      progressDeadlineSeconds: d.progressDeadlineSeconds,
      selector: { matchLabels: { "app.kubernetes.io/name": d.name } },
      strategy:
        d.strategy === "Recreate" ? { type: "Recreate" } : { type: "RollingUpdate", rollingUpdate: { maxSurge: d.maxSurge, maxUnavailable: d.maxUnavailable } },
      template: {
        metadata: { labels: appLabels },
        spec: {
          containers: d.containers.map((c) => ({
            name: c.name,
            image: c.image,
            ...(c.args.length ? { args: c.args } : {}),
            ...(c.ports.length
              ? { ports: c.ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), containerPort: p.containerPort, protocol: p.protocol })) }
              : {}),
            ...(c.env.length ? { env: c.env.map((e) => ({ name: e.key, value: e.value })) } : {}),
            ...(envFrom.length ? { envFrom } : {}),
            ...containerResources(c.resources),
            ...readinessProbe(c.readinessProbe),
          })),
        },
      },
    },
  };
  const objects = [deployment];
  if (config.configMap.enabled)
    objects.push(configMapObject({ name: configMapName, namespace: config.namespace, labels: d.labels, data: config.configMap.data }));
  if (config.secret.enabled) objects.push(secretObject({ name: secretName, namespace: config.namespace, labels: d.labels }, secretValues));
  const serviceName = config.service.name || d.name;
  if (config.service.enabled) {
    objects.push(
      serviceObject({
        name: serviceName,
        namespace: config.namespace,
        labels: d.labels,
        selector: [{ key: "app.kubernetes.io/name", value: d.name }],
        type: config.service.type,
        ports: config.service.ports,
      }),
    );
  }
  if (config.ingress.enabled)
    objects.push(
      ingressObject({
        name: config.ingress.name || d.name,
        namespace: config.namespace,
        labels: d.labels,
        ingressClassName: config.ingress.ingressClassName,
        rules: config.ingress.rules,
        tls: config.ingress.tls,
      }),
    );
  return objects;
}

function containerResources(r: ResourcesStepConfig["deployment"]["containers"][number]["resources"]) {
  const requests = { ...(r.cpuRequest ? { cpu: r.cpuRequest } : {}), ...(r.memoryRequest ? { memory: r.memoryRequest } : {}) };
  const limits = { ...(r.cpuLimit ? { cpu: r.cpuLimit } : {}), ...(r.memoryLimit ? { memory: r.memoryLimit } : {}) };
  if (!Object.keys(requests).length && !Object.keys(limits).length) return {};
  return { resources: { ...(Object.keys(requests).length ? { requests } : {}), ...(Object.keys(limits).length ? { limits } : {}) } };
}

function readinessProbe(probe: ResourcesStepConfig["deployment"]["containers"][number]["readinessProbe"]) {
  if (probe.type === "none" || probe.port === "") return {};
  return { readinessProbe: probe.type === "http" ? { httpGet: { path: probe.path || "/", port: probe.port } } : { tcpSocket: { port: probe.port } } };
}
