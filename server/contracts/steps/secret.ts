// Step type 6: Configure and apply a Kubernetes Secret. Values are sealed before they are stored
// and never sent back to the browser (see server/process/secret-values.ts).
import { z } from "zod";
import { labelMap, objectName, optionalNamespace } from "../kubernetes-names.ts";
import { secretEntriesInput, secretEntriesStored } from "./common.ts";

export const SECRET_TYPES = ["Opaque", "kubernetes.io/tls", "kubernetes.io/dockerconfigjson", "kubernetes.io/basic-auth", "kubernetes.io/ssh-auth"] as const;

const secretFields = {
  name: objectName("Secret name"),
  namespace: optionalNamespace,
  type: z.enum(SECRET_TYPES).default("Opaque"),
  labels: labelMap,
};

export const secretStepConfig = z.object({
  ...secretFields,
  data: secretEntriesInput.refine((entries) => entries.length > 0, { message: "Add at least one key" }),
});
export type SecretStepConfig = z.infer<typeof secretStepConfig>;

export const storedSecretStepConfig = z.object({ ...secretFields, data: secretEntriesStored });
export type StoredSecretStepConfig = z.infer<typeof storedSecretStepConfig>;
