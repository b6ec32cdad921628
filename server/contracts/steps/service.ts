// Step type 8: Configure and apply a Kubernetes Service (also used by "configure resources").
import { z } from "zod";
import { dnsLabel, labelMap, optionalNamespace, port, protocol } from "../kubernetes-names.ts";

export const servicePort = z.object({
  name: z.union([z.literal(""), dnsLabel("Port name", 15)]).default(""),
  port: port("Port"),
  targetPort: z.union([port("Target port"), dnsLabel("Target port name", 15)]).optional(),
  protocol,
  nodePort: z
    .union([
      z.literal("").transform(() => undefined),
      z.coerce.number().int().min(30000, "Node ports are between 30000 and 32767").max(32767, "Node ports are between 30000 and 32767"),
    ])
    .optional(),
});

export const serviceSpecFields = {
  type: z.enum(["ClusterIP", "NodePort", "LoadBalancer"]).default("ClusterIP"),
  ports: z.array(servicePort).min(1, { message: "Add at least one port", abort: true }).max(100),
};

export const serviceStepConfig = z
  .object({
    name: dnsLabel("Service name"),
    namespace: optionalNamespace,
    labels: labelMap,
    selector: labelMap.refine((entries) => entries.length > 0, { message: "Add at least one selector label, or the Service selects no pods" }),
    ...serviceSpecFields,
  })
  .superRefine(checkPorts);
export type ServiceStepConfig = z.infer<typeof serviceStepConfig>;

export function checkPorts(config: { type: string; ports: { name: string; port: number; nodePort?: number }[] }, context: z.RefinementCtx) {
  if (config.ports.length > 1) {
    config.ports.forEach((entry, index) => {
      if (!entry.name) context.addIssue({ code: "custom", path: ["ports", index, "name"], message: "Name every port when there is more than one" });
    });
  }
  const seen = new Set<number>();
  config.ports.forEach((entry, index) => {
    if (seen.has(entry.port)) context.addIssue({ code: "custom", path: ["ports", index, "port"], message: `Port ${entry.port} is used twice` });
    seen.add(entry.port);
    if (entry.nodePort !== undefined && config.type === "ClusterIP") {
      context.addIssue({ code: "custom", path: ["ports", index, "nodePort"], message: "Node ports need type NodePort or LoadBalancer" });
    }
  });
}
