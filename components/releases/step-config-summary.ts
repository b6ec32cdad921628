// The key configuration fields of a (frozen) step, as label/value pairs for display. Secret
// entries arrive as keys only (`{ key, hasValue }`), so only keys are ever shown.
import type { StepType } from "@/server/contracts/steps/index.ts";

export type ConfigEntry = { label: string; value: string; block?: string };
type Config = Record<string, unknown>;

const text = (value: unknown, fallback = "—") => (typeof value === "string" && value !== "" ? value : typeof value === "number" ? String(value) : fallback);
const list = (value: unknown): Config[] => (Array.isArray(value) ? value.filter((item): item is Config => typeof item === "object" && item !== null) : []);
const record = (value: unknown): Config => (typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Config) : {});
const keys = (value: unknown) =>
  list(value)
    .map((entry) => text(entry.key))
    .join(", ") || "—";
const labels = (value: unknown) =>
  list(value)
    .map((entry) => `${text(entry.key)}=${text(entry.value, "")}`)
    .join(", ") || "—";
const namespace = (config: Config): ConfigEntry => ({ label: "Namespace", value: text(config.namespace, "environment default") });
const files = (value: unknown) =>
  list(value)
    .map((file) => text(file.path))
    .join(", ") || "—";
const countDocuments = (yaml: string) => yaml.split(/^---\s*$/m).filter((part) => part.replace(/^\s*#.*$/gm, "").trim() !== "").length;

function servicePorts(value: unknown): string {
  return (
    list(value)
      .map(
        (port) =>
          `${port.name ? `${text(port.name)} ` : ""}${text(port.port)}${port.targetPort !== undefined ? `→${text(port.targetPort)}` : ""}/${text(port.protocol, "TCP")}`,
      )
      .join(", ") || "—"
  );
}

function ingressRules(value: unknown): string {
  return (
    list(value)
      .flatMap((rule) => list(rule.paths).map((path) => `${text(rule.host, "*")}${text(path.path, "/")} → ${text(path.serviceName)}:${text(path.servicePort)}`))
      .join(", ") || "—"
  );
}

function helmChart(chart: Config): string {
  switch (chart.source) {
    case "repository":
      return `${text(chart.chartName)}${chart.chartVersion ? ` ${text(chart.chartVersion)}` : ""} from ${text(chart.repositoryUrl)}`;
    case "oci":
      return `${text(chart.reference)}${chart.chartVersion ? ` ${text(chart.chartVersion)}` : ""}`;
    case "path":
      return `server path ${text(chart.path)}`;
    case "upload":
      return `uploaded archive ${text(chart.fileName)}`;
    default:
      return "—";
  }
}

function resourcesSummary(config: Config): ConfigEntry[] {
  const deployment = record(config.deployment);
  const service = record(config.service);
  const ingress = record(config.ingress);
  const configMap = record(config.configMap);
  const secret = record(config.secret);
  const entries: ConfigEntry[] = [
    namespace(config),
    { label: "Deployment", value: `${text(deployment.name)} · ${text(deployment.replicas)} replica(s) · ${text(deployment.strategy)}` },
    {
      label: "Containers",
      value:
        list(deployment.containers)
          .map((c) => `${text(c.name)} (${text(c.image)})`)
          .join(", ") || "—",
    },
  ];
  if (service.enabled)
    entries.push({ label: "Service", value: `${text(service.name, "same as Deployment")} · ${text(service.type)} · ${servicePorts(service.ports)}` });
  if (ingress.enabled) entries.push({ label: "Ingress", value: `${text(ingress.name, "same as Deployment")} · ${ingressRules(ingress.rules)}` });
  if (configMap.enabled) entries.push({ label: "ConfigMap", value: `${text(configMap.name, "same as Deployment")} · keys ${keys(configMap.data)}` });
  if (secret.enabled) entries.push({ label: "Secret", value: `${text(secret.name, "same as Deployment")} · keys ${keys(secret.data)}` });
  return entries;
}

export function stepConfigSummary(type: StepType, config: Config): ConfigEntry[] {
  switch (type) {
    case "kubernetes-yaml":
      return config.source === "files"
        ? [{ label: "Source", value: "Uploaded files" }, { label: "Files", value: files(config.files) }, namespace(config)]
        : [{ label: "YAML", value: `Inline, ${countDocuments(text(config.yaml, ""))} document(s)`, block: text(config.yaml, "") }, namespace(config)];
    case "helm-chart":
      return [
        { label: "Chart", value: helmChart(record(config.chart)) },
        { label: "Release name", value: text(config.releaseName) },
        namespace(config),
        { label: "Values", value: text(config.values, "") ? "Custom values" : "Chart defaults", block: text(config.values, "") || undefined },
      ];
    case "kustomize":
      return config.source === "path"
        ? [{ label: "Source", value: `Server path ${text(config.path)}` }, namespace(config)]
        : [
            { label: "Source", value: "Files stored with the step" },
            { label: "Files", value: files(config.files) },
            { label: "Overlay", value: text(config.overlay, "root") },
            namespace(config),
          ];
    case "kubernetes-resources":
      return resourcesSummary(config);
    case "configmap":
      return [{ label: "Name", value: text(config.name) }, namespace(config), { label: "Keys", value: keys(config.data) }];
    case "secret":
      return [
        { label: "Name", value: text(config.name) },
        namespace(config),
        { label: "Type", value: text(config.type, "Opaque") },
        { label: "Keys (values hidden)", value: keys(config.data) },
      ];
    case "ingress":
      return [
        { label: "Name", value: text(config.name) },
        namespace(config),
        { label: "Class", value: text(config.ingressClassName, "cluster default") },
        { label: "Rules", value: ingressRules(config.rules) },
      ];
    case "service":
      return [
        { label: "Name", value: text(config.name) },
        namespace(config),
        { label: "Type", value: text(config.type, "ClusterIP") },
        { label: "Ports", value: servicePorts(config.ports) },
        { label: "Selector", value: labels(config.selector) },
      ];
    default:
      return [];
  }
}
