// The choice of the eight step types, shown when "new step" has no (or an unknown) type.
import Link from "next/link";
import { STEP_TYPES, STEP_TYPE_LABELS, type StepType } from "@/server/contracts/steps/index.ts";

const DESCRIPTIONS: Record<StepType, string> = {
  "kubernetes-yaml": "Apply multi-document YAML, typed inline or uploaded as files.",
  "helm-chart": "helm upgrade --install a chart from a repository, an OCI registry, a server path or an upload.",
  kustomize: "Build a kustomization (uploaded folder or server path) and apply the result.",
  "kubernetes-resources": "A Deployment with optional Service, Ingress, ConfigMap and Secret, from one form.",
  configmap: "Key/value configuration data.",
  secret: "Sensitive key/value data, encrypted at rest.",
  ingress: "Route HTTP(S) traffic from outside the cluster to Services.",
  service: "A stable address in front of a set of pods.",
};

export function StepTypePicker({ projectId }: { projectId: string }) {
  return (
    <nav aria-label="Step types">
      <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        {STEP_TYPES.map((type) => (
          <li key={type}>
            <Link
              href={`/projects/${projectId}/steps/new?type=${type}`}
              className="flex h-full flex-col gap-1 rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-blue-400 hover:shadow"
            >
              <span className="font-semibold text-slate-900">{STEP_TYPE_LABELS[type]}</span>
              <span className="text-sm text-slate-600">{DESCRIPTIONS[type]}</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export const isStepType = (value: unknown): value is StepType => typeof value === "string" && (STEP_TYPES as readonly string[]).includes(value);
