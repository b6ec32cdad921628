// Turns a stored step (as the API shows it) into the editor's working copy. Stored configs were
// validated on save, so they already have the draft's shape; only secret entries differ.
import type { StepView } from "@/server/contracts/projects.ts";
import type { SecretEntryView } from "@/server/contracts/steps/index.ts";
import type { SecretEntryDraft, StepDraft } from "./step-draft.ts";

const secretEntryDrafts = (entries: SecretEntryView[] | undefined): SecretEntryDraft[] =>
  (entries ?? []).map((entry) => ({ key: entry.key, value: "", storedKey: entry.hasValue ? entry.key : undefined }));

export function draftFromView(step: StepView): StepDraft {
  const config: Record<string, unknown> = { ...step.config, namespace: (step.config.namespace as string | undefined) ?? "" };
  if (step.type === "secret") config.data = secretEntryDrafts(config.data as SecretEntryView[]);
  if (step.type === "kubernetes-resources") {
    const secret = (config.secret as { enabled: boolean; name: string; data?: SecretEntryView[] } | undefined) ?? { enabled: false, name: "", data: [] };
    config.secret = { ...secret, data: secretEntryDrafts(secret.data) };
  }
  // The view is typed loosely (Record<string, unknown>); its shape is the stored, validated config.
  return { type: step.type, name: step.name, enabled: step.enabled, config, verification: step.verification } as StepDraft;
}
