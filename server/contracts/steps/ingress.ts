// Step type 7: Configure and apply a Kubernetes Ingress.
import { z } from "zod";
import { dnsLabel, labelMap, objectName, optionalNamespace, port } from "../kubernetes-names.ts";

const HOST = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export const ingressPath = z.object({
  path: z.string().trim().regex(/^\//, "Paths start with /").default("/"),
  pathType: z.enum(["Prefix", "Exact", "ImplementationSpecific"]).default("Prefix"),
  serviceName: dnsLabel("Service name"),
  servicePort: z.union([port("Service port"), dnsLabel("Service port name", 15)]),
});

export const ingressRule = z.object({
  host: z.union([z.literal(""), z.string().trim().max(253).regex(HOST, "Host must be a DNS name such as app.example.com (no scheme, no port)")]).default(""),
  paths: z.array(ingressPath).min(1, { message: "Add at least one path", abort: true }).max(100),
});

export const ingressSpecFields = {
  ingressClassName: z.union([z.literal(""), objectName("Ingress class")]).default(""),
  rules: z.array(ingressRule).min(1, { message: "Add at least one rule", abort: true }).max(100),
  tls: z
    .array(
      z.object({
        hosts: z.array(z.string().trim().regex(HOST, "Not a valid host")).min(1, { message: "Name at least one host", abort: true }),
        secretName: objectName("TLS Secret name"),
      }),
    )
    .max(50)
    .default([]),
};

export const ingressStepConfig = z.object({
  name: objectName("Ingress name"),
  namespace: optionalNamespace,
  labels: labelMap,
  annotations: z
    .array(z.object({ key: z.string().min(1, { message: "Annotation key is required", abort: true }).max(317), value: z.string().max(64 * 1024) }))
    .max(100)
    .default([]),
  ...ingressSpecFields,
});
export type IngressStepConfig = z.infer<typeof ingressStepConfig>;
