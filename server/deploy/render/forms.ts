// The form-based step types: the objects come from form-objects.ts (shared with the editor's
// preview); this module validates the stored configuration, substitutes variables in its text
// fields and unseals Secret values just before they are needed.
import type { z } from "zod";
import { configMapStepConfig, ingressStepConfig, serviceStepConfig, storedResourcesStepConfig, storedSecretStepConfig } from "../../contracts/steps/index.ts";
import type { Sealer } from "../../security/credentials.ts";
import { describeUnknownVariables, substituteInStrings } from "../variables.ts";
import { describeRendered } from "./describe-objects.ts";
import { configMapObject, ingressObject, resourcesObjects, secretObject, serviceObject, type KubeObject, type SecretValues } from "./form-objects.ts";
import { RenderError } from "./render-error.ts";
import type { RenderContext, RenderResult } from "./render-types.ts";
import { parseStepConfig } from "./step-config.ts";

export type FormStepType = "kubernetes-resources" | "configmap" | "secret" | "ingress" | "service";

// Sealed values are opaque: never substitute inside them (nor read them before unsealing).
const SEALED_KEYS = ["sealedValue"] as const;

export function renderFormStep(type: FormStepType, rawConfig: unknown, context: Pick<RenderContext, "variables" | "sealer">): RenderResult {
  const substituted = substituteInStrings(rawConfig, context.variables, SEALED_KEYS);
  const log = describeUnknownVariables(substituted.unknown, "the form fields");
  const objects = buildObjects(type, substituted.value, context.sealer);
  log.push(describeRendered(objects, "the form"));
  return { objects, log };
}

function buildObjects(type: FormStepType, raw: unknown, sealer: Sealer): KubeObject[] {
  switch (type) {
    case "configmap":
      return [configMapObject(parse(configMapStepConfig, raw, "ConfigMap"))];
    case "service":
      return [serviceObject(parse(serviceStepConfig, raw, "Service"))];
    case "ingress":
      return [ingressObject(parse(ingressStepConfig, raw, "Ingress"))];
    case "secret": {
      const config = parse(storedSecretStepConfig, raw, "Secret");
      return [secretObject(config, unsealAll(config.data, sealer))];
    }
    case "kubernetes-resources": {
      const config = parse(storedResourcesStepConfig, raw, "Kubernetes resources");
      const values = config.secret.enabled ? unsealAll(config.secret.data, sealer) : [];
      return resourcesObjects(config, values);
    }
  }
}

const parse = <Schema extends z.ZodType>(schema: Schema, raw: unknown, label: string) => parseStepConfig(schema, raw, label);

function unsealAll(entries: { key: string; sealedValue: string }[], sealer: Sealer): SecretValues {
  return entries.map((entry) => {
    try {
      return { key: entry.key, value: sealer.unseal(entry.sealedValue) };
    } catch (error) {
      throw new RenderError(`The value of Secret key "${entry.key}" could not be unsealed: ${(error as Error).message}`);
    }
  });
}
