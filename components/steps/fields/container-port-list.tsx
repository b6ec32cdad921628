"use client";
import type { Draft } from "../step-draft.ts";
import type { ResourcesStepConfig } from "@/server/contracts/steps/index.ts";
import { RowList } from "./row-list.tsx";
import { RowInput, RowSelect } from "./row-input.tsx";

type ContainerPort = Draft<ResourcesStepConfig["deployment"]["containers"][number]["ports"][number]>;
const PROTOCOLS = ["TCP", "UDP", "SCTP"] as const;

/** The ports a container listens on. `labelPrefix` keeps names unique across containers. */
export function ContainerPortList({
  path,
  ports,
  onChange,
  labelPrefix,
}: {
  path: string;
  ports: ContainerPort[];
  onChange: (ports: ContainerPort[]) => void;
  labelPrefix: string;
}) {
  return (
    <RowList
      legend="Ports"
      path={path}
      items={ports}
      onChange={onChange}
      newItem={(): ContainerPort => ({ name: "", containerPort: "", protocol: "TCP" })}
      rowName={(index) => `${labelPrefix} port row ${index + 1}`}
      addLabel={`Add port to ${labelPrefix.toLowerCase()}`}
      columns={
        <div className="grid grid-cols-3 gap-2 pr-11">
          <span>Name (optional)</span>
          <span>Container port</span>
          <span>Protocol</span>
        </div>
      }
      renderRow={(port, index, update) => (
        <div className="grid grid-cols-3 gap-2">
          <RowInput
            label={`${labelPrefix} port ${index + 1} name`}
            path={`${path}.${index}.name`}
            value={port.name}
            placeholder="e.g. http"
            onChange={(name) => update({ ...port, name })}
          />
          <RowInput
            label={`${labelPrefix} port ${index + 1} number`}
            path={`${path}.${index}.containerPort`}
            type="number"
            value={port.containerPort}
            placeholder="e.g. 8080"
            onChange={(containerPort) => update({ ...port, containerPort })}
          />
          <RowSelect
            label={`${labelPrefix} port ${index + 1} protocol`}
            path={`${path}.${index}.protocol`}
            value={port.protocol}
            options={PROTOCOLS}
            onChange={(protocol) => update({ ...port, protocol })}
          />
        </div>
      )}
    />
  );
}
