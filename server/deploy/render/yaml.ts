// "Deploy Kubernetes YAML": inline multi-document YAML or uploaded files, after substitution, with
// the sealed Secret values put back in memory.
import { z } from "zod";
import { stepFiles } from "../../contracts/steps/common.ts";
import { sealedYamlValue } from "../../contracts/steps/yaml.ts";
import { optionalNamespace } from "../../contracts/kubernetes-names.ts";
import { describeUnknownVariables, substituteVariables } from "../variables.ts";
import { describeRendered } from "./describe-objects.ts";
import type { KubeObject } from "./form-objects.ts";
import { parseManifestYaml } from "./manifest-yaml.ts";
import { RenderError } from "./render-error.ts";
import type { RenderContext, RenderResult } from "./render-types.ts";
import { parseStepConfig } from "./step-config.ts";
import { checkNothingRedacted, unsealInto } from "./sealed-yaml-values.ts";

// The saved-step schema (yamlStepConfig) also checks the manifests, but on the text before
// substitution and as YAML 1.2; here only the shape is checked, and the manifests are checked
// after substitution, the way kubectl reads them (manifest-yaml.ts). A step stored before Secret
// values were sealed has no `sealedValues`: its text holds them.
const yamlStepShape = z.object({
  source: z.enum(["inline", "files"]).default("inline"),
  yaml: z.string().default(""),
  files: stepFiles.default([]),
  namespace: optionalNamespace,
  sealedValues: z.array(sealedYamlValue).default([]),
});

export function renderYamlStep(rawConfig: unknown, context: Pick<RenderContext, "variables" | "sealer">): RenderResult {
  const config = parseStepConfig(yamlStepShape, rawConfig, "Kubernetes YAML");
  const sources =
    config.source === "inline"
      ? [{ file: null, label: "inline YAML", text: config.yaml }]
      : config.files.map((file) => ({ file: file.path, label: `file ${file.path}`, text: file.content }));
  const log: string[] = [];
  const objects: KubeObject[] = [];
  for (const source of sources) {
    const substituted = substituteVariables(source.text, context.variables);
    log.push(...describeUnknownVariables(substituted.unknown, source.label));
    const sealed = config.sealedValues.filter((entry) => entry.file === source.file);
    objects.push(...parseManifestYaml(substituted.text, source.label, unsealInto(sealed, context.sealer, source.label)));
  }
  const sourceLabel = config.source === "inline" ? "inline YAML" : `${sources.length} file${sources.length === 1 ? "" : "s"}`;
  if (objects.length === 0) throw new RenderError(`No Kubernetes objects found in ${sourceLabel}`);
  checkNothingRedacted(objects);
  log.push(describeRendered(objects, sourceLabel));
  return { objects, log };
}
