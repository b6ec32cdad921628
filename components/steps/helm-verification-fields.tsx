"use client";
// "Step Verification" of a Helm step: Helm decides pass or fail; these options become flags of
// `helm upgrade --install`.
import { fieldSetter, type HelmVerificationDraft } from "./step-draft.ts";
import { FieldGrid, FormSection } from "./fields/form-section.tsx";
import { CheckboxField } from "./fields/checkbox-field.tsx";
import { TextField } from "./fields/text-field.tsx";

const path = "verification";

export function HelmVerificationFields({ value, onChange }: { value: HelmVerificationDraft; onChange: (next: HelmVerificationDraft) => void }) {
  const set = fieldSetter(value, onChange);
  return (
    <FormSection title="Step Verification" description="Helm decides whether the step passes; the object status table is still shown live.">
      <CheckboxField
        label="Wait for resources to be ready (--wait)"
        path={`${path}.enabled`}
        checked={value.enabled}
        onChange={set("enabled")}
        hint="Helm waits until Deployments, StatefulSets, Services and pods of the release are ready before it reports success."
      />
      <CheckboxField
        label="Wait for Jobs to complete (--wait-for-jobs)"
        path={`${path}.waitForJobs`}
        checked={value.waitForJobs}
        disabled={!value.enabled}
        onChange={set("waitForJobs")}
        hint="Also waits for the release's Jobs to complete; only applies together with --wait."
      />
      <FieldGrid>
        <TextField
          label="Timeout (seconds)"
          path={`${path}.timeoutSeconds`}
          type="number"
          min={1}
          value={value.timeoutSeconds}
          onChange={set("timeoutSeconds")}
          hint="Passed to Helm as --timeout: how long to wait for each Kubernetes operation."
        />
      </FieldGrid>
    </FormSection>
  );
}
