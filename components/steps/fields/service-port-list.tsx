"use client";
import type { Draft } from "../step-draft.ts";
import type { ServiceStepConfig } from "@/server/contracts/steps/index.ts";
import { RowList } from "./row-list.tsx";
import { RowInput, RowSelect } from "./row-input.tsx";

type ServicePort = Draft<ServiceStepConfig["ports"][number]>;
const PROTOCOLS = ["TCP", "UDP", "SCTP"] as const;
const optional = (text: string) => (text === "" ? undefined : text);

/** The ports a Service exposes; node ports only apply to NodePort and LoadBalancer Services. */
export function ServicePortList({
  path,
  ports,
  onChange,
  showNodePort,
}: {
  path: string;
  ports: ServicePort[];
  onChange: (ports: ServicePort[]) => void;
  showNodePort: boolean;
}) {
  const grid = showNodePort ? "grid-cols-5" : "grid-cols-4";
  return (
    <RowList
      legend="Ports"
      path={path}
      items={ports}
      onChange={onChange}
      newItem={(): ServicePort => ({ name: "", port: "", protocol: "TCP" })}
      rowName={(index) => `service port row ${index + 1}`}
      addLabel="Add service port"
      hint="Target port defaults to the port; name every port when there is more than one."
      columns={
        <div className={`grid ${grid} gap-2 pr-11`}>
          <span>Name</span>
          <span>Port</span>
          <span>Target port</span>
          <span>Protocol</span>
          {showNodePort ? <span>Node port</span> : null}
        </div>
      }
      renderRow={(port, index, update) => (
        <div className={`grid ${grid} gap-2`}>
          <RowInput
            label={`Service port ${index + 1} name`}
            path={`${path}.${index}.name`}
            value={port.name}
            placeholder="e.g. http"
            onChange={(name) => update({ ...port, name })}
          />
          <RowInput
            label={`Service port ${index + 1} port`}
            path={`${path}.${index}.port`}
            type="number"
            value={port.port}
            placeholder="e.g. 80"
            onChange={(value) => update({ ...port, port: value })}
          />
          <RowInput
            label={`Service port ${index + 1} target port`}
            path={`${path}.${index}.targetPort`}
            value={port.targetPort}
            placeholder="e.g. 8080 or http"
            onChange={(value) => update({ ...port, targetPort: optional(value) })}
          />
          <RowSelect
            label={`Service port ${index + 1} protocol`}
            path={`${path}.${index}.protocol`}
            value={port.protocol}
            options={PROTOCOLS}
            onChange={(protocol) => update({ ...port, protocol })}
          />
          {showNodePort ? (
            <RowInput
              label={`Service port ${index + 1} node port`}
              path={`${path}.${index}.nodePort`}
              type="number"
              value={port.nodePort}
              placeholder="assigned if empty"
              onChange={(value) => update({ ...port, nodePort: optional(value) })}
            />
          ) : null}
        </div>
      )}
    />
  );
}
