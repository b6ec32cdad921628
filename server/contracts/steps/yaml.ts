// Step type 1: Deploy Kubernetes YAML (inline multi-document YAML or uploaded files).
import { z } from "zod";
import { checkManifestYaml, findDuplicateObjects, type PlacedObject } from "../manifests.ts";
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
      const { problems, objects } = checkManifestYaml(config.yaml);
      for (const problem of problems) {
        context.addIssue({ code: "custom", path: ["yaml"], message: `Document ${problem.document}: ${problem.message}` });
      }
      for (const message of findDuplicateObjects(objects.map((object) => ({ object })))) context.addIssue({ code: "custom", path: ["yaml"], message });
      return;
    }
    if (config.files.length === 0) context.addIssue({ code: "custom", path: ["files"], message: "Upload at least one YAML file" });
    const placed: PlacedObject[] = [];
    config.files.forEach((file, index) => {
      const { problems, objects } = checkManifestYaml(file.content);
      for (const problem of problems) {
        context.addIssue({ code: "custom", path: ["files", index, "content"], message: `${file.path}, document ${problem.document}: ${problem.message}` });
      }
      placed.push(...objects.map((object) => ({ object, file: file.path })));
    });
    for (const message of findDuplicateObjects(placed)) context.addIssue({ code: "custom", path: ["files"], message });
  });
export type YamlStepConfig = z.infer<typeof yamlStepConfig>;

/** Where a Secret value sits: `data` and `stringData` values, and kubectl's last-applied annotation (a copy of them). */
export const YAML_SECRET_SECTIONS = ["data", "stringData", "annotations"] as const;
export type YamlSecretSection = (typeof YAML_SECRET_SECTIONS)[number];

/**
 * One Secret value of a YAML step as stored: sealed with AES-256-GCM (server/security), while the
 * stored text holds "<redacted>" at that place. The position (text, document, List item) tells
 * the renderer where to put the value back; the Secret's name and namespace as written tell a
 * later save which stored value an unchanged "<redacted>" stands for.
 */
export const sealedYamlValue = z.object({
  /** null: the inline YAML; otherwise the path of an uploaded file. */
  file: z.string().nullable(),
  /** 0-based, counting every document of the text (empty ones too). */
  document: z.number().int().min(0),
  /** The item's index when the document is a List kind; null for a Secret document. */
  item: z.number().int().min(0).nullable(),
  name: z.string(),
  namespace: z.string(),
  section: z.enum(YAML_SECRET_SECTIONS),
  key: z.string(),
  sealedValue: z.string(),
});
export type SealedYamlValue = z.infer<typeof sealedYamlValue>;
