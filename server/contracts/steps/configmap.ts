// Step type 5: Configure and apply a Kubernetes ConfigMap.
import { z } from "zod";
import { labelMap, objectName, optionalNamespace } from "../kubernetes-names.ts";
import { keyValues } from "./common.ts";

export const configMapStepConfig = z.object({
  name: objectName("ConfigMap name"),
  namespace: optionalNamespace,
  labels: labelMap,
  data: keyValues.refine((entries) => entries.length > 0, { message: "Add at least one key" }),
});
export type ConfigMapStepConfig = z.infer<typeof configMapStepConfig>;
