"use client";
import { STEP_TYPE_LABELS } from "@/server/contracts/steps/index.ts";
import type { StepDraft } from "./step-draft.ts";
import { FieldGrid, FormSection } from "./fields/form-section.tsx";
import { TextField } from "./fields/text-field.tsx";
import { CheckboxField } from "./fields/checkbox-field.tsx";

/** Name and enabled flag, common to every step type. */
export function StepGeneralFields({ draft, onChange }: { draft: StepDraft; onChange: (next: StepDraft) => void }) {
  return (
    <FormSection title="Step" description={STEP_TYPE_LABELS[draft.type]}>
      <FieldGrid>
        <TextField
          label="Step name"
          path="name"
          value={draft.name}
          onChange={(name) => onChange({ ...draft, name })}
          hint="Unique within the deployment process."
        />
        <div className="sm:pt-6">
          <CheckboxField
            label="Enabled"
            path="enabled"
            checked={draft.enabled}
            onChange={(enabled) => onChange({ ...draft, enabled })}
            hint="Disabled steps are skipped when a release is deployed."
          />
        </div>
      </FieldGrid>
    </FormSection>
  );
}
