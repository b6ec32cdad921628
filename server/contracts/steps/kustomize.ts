// Step type 3: Deploy with Kustomize (files stored with the step, or a directory on the server).
import { z } from "zod";
import { optionalNamespace } from "../kubernetes-names.ts";
import { stepFiles } from "./common.ts";

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
    if (!config.files.some((file) => wanted.includes(file.path.replace(/^\.\//, "")))) {
      context.addIssue({
        code: "custom",
        path: ["files"],
        message: `A kustomization is required: add ${dir ? `${dir}/` : ""}kustomization.yaml`,
      });
    }
  });
export type KustomizeStepConfig = z.infer<typeof kustomizeStepConfig>;
