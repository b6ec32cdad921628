"use client";
// Ingress rules: a host and its paths, each path sending traffic to a Service port.
import type { Draft } from "../step-draft.ts";
import type { IngressStepConfig } from "@/server/contracts/steps/index.ts";
import { newIngressRule } from "../new-step-draft.ts";
import { RowList } from "./row-list.tsx";
import { RowInput, RowSelect } from "./row-input.tsx";
import { TextField } from "./text-field.tsx";

type Rule = Draft<IngressStepConfig["rules"][number]>;
type RulePath = Rule["paths"][number];
const PATH_TYPES = ["Prefix", "Exact", "ImplementationSpecific"] as const;

export function IngressRuleList({
  path,
  rules,
  onChange,
  defaultServiceName = "",
}: {
  path: string;
  rules: Rule[];
  onChange: (rules: Rule[]) => void;
  defaultServiceName?: string;
}) {
  return (
    <RowList
      legend="Rules"
      path={path}
      items={rules}
      onChange={onChange}
      newItem={() => newIngressRule(defaultServiceName)}
      rowName={(index) => `rule ${index + 1}`}
      addLabel="Add rule"
      renderRow={(rule, index, update) => (
        <div className="flex flex-col gap-3 rounded-md border border-slate-200 bg-slate-50 p-3">
          <TextField
            label={`Rule ${index + 1} host`}
            path={`${path}.${index}.host`}
            value={rule.host}
            placeholder="e.g. app.example.com"
            hint="Empty matches every host."
            onChange={(host) => update({ ...rule, host })}
          />
          <PathList
            path={`${path}.${index}.paths`}
            rule={index + 1}
            paths={rule.paths}
            onChange={(paths) => update({ ...rule, paths })}
            defaultServiceName={defaultServiceName}
          />
        </div>
      )}
    />
  );
}

function PathList({
  path,
  rule,
  paths,
  onChange,
  defaultServiceName,
}: {
  path: string;
  rule: number;
  paths: RulePath[];
  onChange: (paths: RulePath[]) => void;
  defaultServiceName: string;
}) {
  const name = (index: number) => `Rule ${rule} path ${index + 1}`;
  return (
    <RowList
      legend={`Rule ${rule} paths`}
      path={path}
      items={paths}
      onChange={onChange}
      newItem={(): RulePath => ({ path: "/", pathType: "Prefix", serviceName: defaultServiceName, servicePort: 80 })}
      rowName={(index) => `rule ${rule} path row ${index + 1}`}
      addLabel="Add path"
      columns={
        <div className="grid grid-cols-4 gap-2 pr-11">
          <span>Path</span>
          <span>Path type</span>
          <span>Service name</span>
          <span>Service port</span>
        </div>
      }
      renderRow={(entry, index, update) => (
        <div className="grid grid-cols-4 gap-2">
          <RowInput
            label={`${name(index)}`}
            path={`${path}.${index}.path`}
            value={entry.path}
            placeholder="e.g. /"
            onChange={(value) => update({ ...entry, path: value })}
          />
          <RowSelect
            label={`${name(index)} type`}
            path={`${path}.${index}.pathType`}
            value={entry.pathType}
            options={PATH_TYPES}
            onChange={(pathType) => update({ ...entry, pathType })}
          />
          <RowInput
            label={`${name(index)} service name`}
            path={`${path}.${index}.serviceName`}
            value={entry.serviceName}
            placeholder="e.g. web"
            onChange={(serviceName) => update({ ...entry, serviceName })}
          />
          <RowInput
            label={`${name(index)} service port`}
            path={`${path}.${index}.servicePort`}
            value={entry.servicePort}
            placeholder="e.g. 80 or http"
            onChange={(servicePort) => update({ ...entry, servicePort })}
          />
        </div>
      )}
    />
  );
}
