// The pinned pieces of the sandbox and how each is built from its Go wrapper module
// (sandbox/go/<module>). Changing a version means editing the wrapper's go.mod/go.sum
// (and the `version` here, which only names the output folder).
import { join } from "node:path";
import { sandboxSourceDir } from "./paths";

export interface Piece {
  /** Short name; also the start of the output folder's name. */
  name: string;
  version: string;
  /** Folder of the Go wrapper module, relative to sandbox/go. */
  module: string;
  /** Binary name → Go package to build. */
  binaries: Record<string, string>;
  /** `-X` settings that make `--version` truthful. */
  versionVariables: Record<string, string>;
  /** An optional piece may fail to build without failing the whole build. */
  optional?: boolean;
}

const kubernetesVersion = "v1.36.3";
const kubernetesVersionVariables = Object.fromEntries(
  ["k8s.io/component-base/version", "k8s.io/client-go/pkg/version"].flatMap((pkg) => [
    [`${pkg}.gitVersion`, kubernetesVersion],
    [`${pkg}.gitMajor`, "1"],
    [`${pkg}.gitMinor`, "36"],
    [`${pkg}.gitTreeState`, "clean"],
  ]),
);

export const pieces: Piece[] = [
  {
    name: "etcd",
    version: "v3.6.16",
    module: "etcd",
    binaries: { etcd: "." },
    versionVariables: {},
  },
  {
    name: "kubernetes",
    version: kubernetesVersion,
    module: "kubernetes",
    binaries: Object.fromEntries(["kube-apiserver", "kube-controller-manager", "kube-scheduler", "kubectl"].map((b) => [b, `k8s.io/kubernetes/cmd/${b}`])),
    versionVariables: kubernetesVersionVariables,
  },
  {
    name: "kwok",
    version: "v0.8.0",
    module: "kwok",
    binaries: { kwok: "sigs.k8s.io/kwok/cmd/kwok" },
    versionVariables: {},
  },
  {
    name: "helm",
    version: "v3.22.0",
    module: "helm",
    binaries: { helm: "helm.sh/helm/v3/cmd/helm" },
    versionVariables: { "helm.sh/helm/v3/internal/version.version": "v3.22.0" },
  },
  {
    name: "helm4",
    version: "v4.3.1",
    module: "helm4",
    binaries: { helm4: "helm.sh/helm/v4/cmd/helm" },
    versionVariables: { "helm.sh/helm/v4/internal/version.version": "v4.3.1" },
    optional: true,
  },
];

export function moduleDir(piece: Piece): string {
  return join(sandboxSourceDir, "go", piece.module);
}
