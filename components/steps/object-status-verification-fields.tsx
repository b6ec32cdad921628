"use client";
// "Kubernetes Object Status Check": after the step applies its objects, compare their live state
// with the desired state and pass or fail the step on it.
import { fieldSetter, type ObjectStatusVerificationDraft } from "./step-draft.ts";
import { FieldGrid, FormSection } from "./fields/form-section.tsx";
import { RadioGroup } from "./fields/radio-group.tsx";
import { CheckboxField } from "./fields/checkbox-field.tsx";
import { TextField } from "./fields/text-field.tsx";

const path = "verification";

export function ObjectStatusVerificationFields({
  value,
  onChange,
}: {
  value: ObjectStatusVerificationDraft;
  onChange: (next: ObjectStatusVerificationDraft) => void;
}) {
  const set = fieldSetter(value, onChange);
  return (
    <FormSection title="Kubernetes Object Status Check" description="What happens after the step has applied its objects.">
      <RadioGroup
        legend="Verification"
        path={`${path}.enabled`}
        value={value.enabled ? "on" : "off"}
        onChange={(choice) => set("enabled")(choice === "on")}
        options={[
          {
            value: "on",
            label: "Check that Kubernetes objects are running successfully",
            hint: "The step passes only when every object it applied (and the pods they own) reaches its desired state.",
          },
          { value: "off", label: "Don't do any verification checks", hint: "The step passes as soon as the objects are applied." },
        ]}
      />
      {value.enabled ? (
        <div className="flex flex-col gap-4 border-l-2 border-slate-100 pl-4">
          <FieldGrid>
            <div className="flex flex-col gap-2">
              <TextField
                label="Step timeout (seconds)"
                path={`${path}.timeoutSeconds`}
                type="number"
                min={1}
                value={value.timeoutSeconds}
                disabled={!value.timeoutEnabled}
                onChange={set("timeoutSeconds")}
                hint="The longest the check may run before the step fails as timed out."
              />
              <CheckboxField
                label="Run without a timeout"
                path={`${path}.timeoutEnabled`}
                checked={!value.timeoutEnabled}
                onChange={(off) => set("timeoutEnabled")(!off)}
                hint="Disables the step timeout: the step runs until the desired state is reached, however long it takes."
              />
            </div>
            <TextField
              label="Status stabilization timeout (seconds)"
              path={`${path}.stabilizationSeconds`}
              type="number"
              min={0}
              value={value.stabilizationSeconds}
              onChange={set("stabilizationSeconds")}
              hint="How long the desired state must hold, unbroken, before the step passes."
            />
          </FieldGrid>
          <CheckboxField
            label="Wait for Jobs to complete during deployment"
            path={`${path}.waitForJobs`}
            checked={value.waitForJobs}
            onChange={set("waitForJobs")}
            hint="Off: a Job counts as successful once it is created. On: the step waits for every Job to complete."
          />
          <FieldGrid>
            <CheckboxField
              label="Fail early when pods cannot start"
              path={`${path}.failEarlyWhenPodsCannotStart`}
              checked={value.failEarlyWhenPodsCannotStart}
              onChange={set("failEarlyWhenPodsCannotStart")}
              hint="Fail without waiting for the timeout when a pod stays unschedulable or cannot pull its image."
            />
            <TextField
              label="Pod start grace period (seconds)"
              path={`${path}.podStartGraceSeconds`}
              type="number"
              min={1}
              value={value.podStartGraceSeconds}
              disabled={!value.failEarlyWhenPodsCannotStart}
              onChange={set("podStartGraceSeconds")}
              hint="How long a pod may fail to start before the step fails early."
            />
          </FieldGrid>
        </div>
      ) : null}
    </FormSection>
  );
}
