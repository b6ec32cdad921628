// The contract between the executor and the renderers (see server/deploy/README.md).
import type { Sealer } from "../../security/credentials.ts";
import type { KubeObject } from "./form-objects.ts";
import type { HelmPlan } from "../helm/helm-plan.ts";

export type RenderContext = {
  /** Substitution variables (`#{Kdeploy.Release.Version}` ...), see server/deploy/variables.ts. */
  variables: Record<string, string>;
  sealer: Sealer;
  /** A temporary directory the caller creates before rendering and removes after the step. */
  workDir: string;
  /**
   * Paths of the CLI tools. `kustomize` is optional: when set, Kustomize steps run
   * `kustomize build`; otherwise `kubectl kustomize` (the Kustomize built into kubectl).
   */
  tools: { kubectl: string; helm: string; kustomize?: string };
  /**
   * Directories under which a step may read a chart or a kustomization on the server (the
   * administrator's setting); a path elsewhere fails the step. Empty or absent: no server paths.
   */
  serverPathRoots?: readonly string[];
};

export type RenderResult = {
  /** Plain JSON objects, List kinds expanded, in document order. Empty for Helm. */
  objects: KubeObject[];
  /** Human lines for the task log (warnings start with "Warning:"). */
  log: string[];
  /** Helm steps only: what to pass to `helm upgrade --install`. */
  helm?: HelmPlan;
};
