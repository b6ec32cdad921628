// Step type 1: Deploy Kubernetes YAML (inline multi-document YAML or uploaded files).
import { z } from "zod";
import { checkManifestYaml } from "../manifests.ts";
import { optionalNamespace } from "../kubernetes-names.ts";
import { stepFiles, yamlText } from "./common.ts";

export const yamlStepConfig = z
  .object({
    source: z.enum(["inline", "files"]).default("inline"),
    yaml: yamlText("The YAML").default(""),
    files: stepFiles.default([]),
    namespace: optionalNamespace,
  })
  .superRefine((config, context) => {
    if (config.source === "inline") {
      if (!config.yaml.trim()) {
        context.addIssue({ code: "custom", path: ["yaml"], message: "Enter the YAML of at least one Kubernetes object" });
        return;
      }
      for (const problem of checkManifestYaml(config.yaml).problems) {
        context.addIssue({ code: "custom", path: ["yaml"], message: `Document ${problem.document}: ${problem.message}` });
      }
      return;
    }
    if (config.files.length === 0) context.addIssue({ code: "custom", path: ["files"], message: "Upload at least one YAML file" });
    config.files.forEach((file, index) => {
      for (const problem of checkManifestYaml(file.content).problems) {
        context.addIssue({ code: "custom", path: ["files", index, "content"], message: `${file.path}, document ${problem.document}: ${problem.message}` });
      }
    });
  });
export type YamlStepConfig = z.infer<typeof yamlStepConfig>;
