"use client";
// The verification options of a step (product.md, "Verification options"): Helm steps have
// "Step Verification" (--wait, --wait-for-jobs, --timeout); all others the Kubernetes Object
// Status Check.
import type { StepDraft } from "./step-draft.ts";
import { HelmVerificationFields } from "./helm-verification-fields.tsx";
import { ObjectStatusVerificationFields } from "./object-status-verification-fields.tsx";

export function VerificationSection({ draft, onChange }: { draft: StepDraft; onChange: (next: StepDraft) => void }) {
  if (draft.type === "helm-chart")
    return <HelmVerificationFields value={draft.verification} onChange={(verification) => onChange({ ...draft, verification })} />;
  return <ObjectStatusVerificationFields value={draft.verification} onChange={(verification) => onChange({ ...draft, verification } as StepDraft)} />;
}
