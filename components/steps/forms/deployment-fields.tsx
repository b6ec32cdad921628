"use client";
// The Deployment of "configure and apply resources": name, replicas, labels and update strategy.
// Blue/green is deliberately absent: object status verification covers rolling and recreate.
import { fieldSetter, type ConfigDrafts } from "../step-draft.ts";
import { FieldGrid } from "../fields/form-section.tsx";
import { TextField } from "../fields/text-field.tsx";
import { RadioGroup } from "../fields/radio-group.tsx";
import { LabelList } from "../fields/key-value-list.tsx";

type DeploymentDraft = ConfigDrafts["kubernetes-resources"]["deployment"];
const path = "config.deployment";

export function DeploymentFields({ value, onChange }: { value: DeploymentDraft; onChange: (next: DeploymentDraft) => void }) {
  const set = fieldSetter(value, onChange);
  return (
    <>
      <FieldGrid>
        <TextField label="Deployment name" path={`${path}.name`} value={value.name} placeholder="e.g. web" onChange={set("name")} />
        <TextField label="Replicas" path={`${path}.replicas`} type="number" min={0} value={value.replicas} onChange={set("replicas")} />
      </FieldGrid>
      <LabelList
        path={`${path}.labels`}
        labels={value.labels}
        onChange={set("labels")}
        hint="Added to the Deployment, its pods and the optional objects below."
      />
      <RadioGroup
        legend="Deployment strategy"
        path={`${path}.strategy`}
        value={value.strategy}
        onChange={set("strategy")}
        options={[
          { value: "RollingUpdate", label: "Rolling update", hint: "Replace pods gradually; the old version keeps serving until new pods are ready." },
          { value: "Recreate", label: "Recreate", hint: "Stop every old pod before starting new ones (brief downtime)." },
        ]}
      />
      {value.strategy === "RollingUpdate" ? (
        <FieldGrid>
          <TextField
            label="Max surge"
            path={`${path}.maxSurge`}
            value={value.maxSurge}
            placeholder="e.g. 25%"
            hint="Extra pods allowed during the update (number or %)."
            onChange={set("maxSurge")}
          />
          <TextField
            label="Max unavailable"
            path={`${path}.maxUnavailable`}
            value={value.maxUnavailable}
            placeholder="e.g. 25%"
            hint="Pods that may be unavailable during the update (number or %)."
            onChange={set("maxUnavailable")}
          />
        </FieldGrid>
      ) : null}
      <FieldGrid>
        <TextField
          label="Progress deadline (seconds)"
          path={`${path}.progressDeadlineSeconds`}
          type="number"
          min={1}
          value={value.progressDeadlineSeconds}
          hint="Kubernetes marks the rollout as failed when it makes no progress for this long."
          onChange={set("progressDeadlineSeconds")}
        />
      </FieldGrid>
    </>
  );
}
