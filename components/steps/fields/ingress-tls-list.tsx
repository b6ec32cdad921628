"use client";
// Ingress TLS entries: the hosts a certificate covers and the Secret that holds it.
import type { Draft } from "../step-draft.ts";
import type { IngressStepConfig } from "@/server/contracts/steps/index.ts";
import { RowList } from "./row-list.tsx";
import { RowInput } from "./row-input.tsx";

type TlsEntry = Draft<IngressStepConfig["tls"][number]>;

const splitHosts = (text: string) => text.split(/[\s,]+/).filter(Boolean);

export function IngressTlsList({ path, entries, onChange }: { path: string; entries: TlsEntry[]; onChange: (entries: TlsEntry[]) => void }) {
  return (
    <RowList
      legend="TLS"
      path={path}
      items={entries}
      onChange={onChange}
      newItem={() => ({ hosts: [], secretName: "" })}
      rowName={(index) => `TLS entry ${index + 1}`}
      addLabel="Add TLS entry"
      hint="Optional: serve these hosts over HTTPS with the certificate in a kubernetes.io/tls Secret."
      columns={
        <div className="grid grid-cols-2 gap-2 pr-11">
          <span>Hosts (comma-separated)</span>
          <span>TLS Secret name</span>
        </div>
      }
      renderRow={(entry, index, update) => (
        <div className="grid grid-cols-2 gap-2">
          <HostsInput
            label={`TLS entry ${index + 1} hosts`}
            path={`${path}.${index}.hosts`}
            hosts={entry.hosts}
            onChange={(hosts) => update({ ...entry, hosts })}
          />
          <RowInput
            label={`TLS entry ${index + 1} secret name`}
            path={`${path}.${index}.secretName`}
            value={entry.secretName}
            placeholder="e.g. app-example-com-tls"
            onChange={(secretName) => update({ ...entry, secretName })}
          />
        </div>
      )}
    />
  );
}

/** Hosts typed as one comma-separated text; errors about any single host show here too. */
function HostsInput({ label, path, hosts, onChange }: { label: string; path: string; hosts: string[]; onChange: (hosts: string[]) => void }) {
  return (
    <RowInput
      label={label}
      path={path}
      value={hosts.join(", ")}
      placeholder="e.g. app.example.com"
      onChange={(text) => onChange(text.endsWith(",") || text.endsWith(" ") ? [...splitHosts(text), ""] : splitHosts(text))}
    />
  );
}
