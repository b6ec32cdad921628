// Step type 3: Deploy with Kustomize (files stored with the step, or a directory on the server).
import { z } from "zod";
import { optionalNamespace } from "../kubernetes-names.ts";
import { stepFiles } from "./common.ts";
import { checkYamlText } from "../manifests.ts";

export const KUSTOMIZATION_FILE_NAMES = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

export const kustomizeStepConfig = z
  .object({
    source: z.enum(["files", "path"]).default("files"),
    files: stepFiles.default([]),
    /** The overlay directory inside the files (e.g. overlays/production); empty = the root. */
    overlay: z.string().trim().max(255).default(""),
    path: z.string().trim().max(1024).default(""),
    namespace: optionalNamespace,
  })
  .superRefine((config, context) => {
    if (config.source === "path") {
      if (!config.path.startsWith("/"))
        context.addIssue({ code: "custom", path: ["path"], message: "Enter the absolute path of a kustomization directory on the server" });
      return;
    }
    const dir = config.overlay.replace(/^\.?\/*|\/+$/g, "");
    const wanted = KUSTOMIZATION_FILE_NAMES.map((name) => (dir ? `${dir}/${name}` : name));
    config.files.forEach((file, index) => {
      const problem = checkKustomizeFile(file.path, file.content);
      if (problem) context.addIssue({ code: "custom", path: ["files", index, "content"], message: `${file.path}: ${problem}` });
    });
    if (!config.files.some((file) => wanted.includes(file.path.replace(/^\.\//, "")))) {
      context.addIssue({
        code: "custom",
        path: ["files"],
        message: `A kustomization is required: add ${dir ? `${dir}/` : ""}kustomization.yaml`,
      });
    }
  });
export type KustomizeStepConfig = z.infer<typeof kustomizeStepConfig>;

const isYamlFile = (path: string) => /\.ya?ml$/i.test(path) || KUSTOMIZATION_FILE_NAMES.includes(path.split("/").pop()!);

/**
 * What is wrong with one uploaded file: YAML that does not parse (with its line), an alias bomb,
 * or, in a kustomization, a reference that leaves the uploaded files (an absolute path, or
 * `../` past the top): Kustomize would read the server's own files there.
 */
export function checkKustomizeFile(path: string, content: string): string | undefined {
  if (!isYamlFile(path)) return undefined;
  const isKustomization = KUSTOMIZATION_FILE_NAMES.includes(path.split("/").pop()!);
  let outside: string | undefined;
  const problem = checkYamlText(content, (value) => {
    if (!isKustomization || outside) return;
    const folder = path.split("/").slice(0, -1);
    for (const reference of kustomizationReferences(value)) {
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(reference) || /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(reference)) continue; // a remote base
      if (reference.startsWith("/")) {
        outside = `"${reference}" is an absolute path; a kustomization may only use the files uploaded with the step`;
        return;
      }
      const parts = [...folder];
      for (const part of reference.split("/")) {
        if (part === "..") {
          if (parts.length === 0) {
            outside = `"${reference}" reaches outside the uploaded files; a kustomization may only use the files uploaded with the step`;
            return;
          }
          parts.pop();
        } else if (part !== "." && part !== "") parts.push(part);
      }
    }
  });
  return problem ?? outside;
}

/** Every local path a kustomization names (resources, bases, components, patches, generators...). */
function kustomizationReferences(value: unknown): string[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [];
  const object = value as Record<string, unknown>;
  const strings = (list: unknown) => (Array.isArray(list) ? list.filter((entry): entry is string => typeof entry === "string") : []);
  const records = (list: unknown) =>
    Array.isArray(list) ? list.filter((entry): entry is Record<string, unknown> => typeof entry === "object" && entry !== null) : [];
  const references = [
    ...["resources", "bases", "components", "crds", "generators", "transformers", "validators", "configurations", "patchesStrategicMerge"].flatMap(
      (key) => strings(object[key]).filter((entry) => !entry.includes("\n")), // an inline patch is not a path
    ),
    ...["patches", "patchesJson6902", "replacements"].flatMap((key) => records(object[key]).flatMap((entry) => strings([entry.path]))),
    ...["configMapGenerator", "secretGenerator"].flatMap((key) =>
      records(object[key]).flatMap((entry) => [
        ...strings(entry.files).map((file) => (file.includes("=") ? file.slice(file.indexOf("=") + 1) : file)),
        ...strings(entry.envs),
        ...strings([entry.env]),
      ]),
    ),
    ...strings([(object.openapi as Record<string, unknown> | undefined)?.path]),
    ...records(object.helmCharts).flatMap((entry) => strings([entry.valuesFile])),
    ...strings([(object.helmGlobals as Record<string, unknown> | undefined)?.chartHome]),
  ];
  return references.map((reference) => reference.trim()).filter(Boolean);
}
