"use client";
// Roles for everyone in an identity provider's group (applied at each request from the groups of
// the user's last single sign-on).
import { useState, type FormEvent } from "react";
import { ROLES, ROLE_LABELS, type Role } from "@/server/auth/permissions.ts";
import type { GroupMappingView } from "@/server/contracts/users.ts";
import { api, ApiError } from "@/components/api-client.ts";
import { Button } from "@/components/ui/button.tsx";
import { Field, inputClass } from "@/components/ui/field.tsx";
import { EmptyState, Notice } from "@/components/ui/notice.tsx";
import { DeployScopePicker, type EnvironmentOption } from "./role-picker.tsx";

export function GroupMappings({
  initial,
  environments,
  oidcConfigured,
}: {
  initial: GroupMappingView[];
  environments: EnvironmentOption[];
  oidcConfigured: boolean;
}) {
  const [mappings, setMappings] = useState(initial);
  const [group, setGroup] = useState("");
  const [role, setRole] = useState<Role>("team-member");
  const [scope, setScope] = useState<string[] | null>(null);
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string>();
  const names = new Map(environments.map((environment) => [environment.id, environment.name]));

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setFields({});
    setError(undefined);
    try {
      const created = await api<GroupMappingView>("/api/group-mappings", {
        body: { group, role, deployEnvironmentIds: role === "release-manager" ? scope : null },
      });
      setMappings([...mappings, created]);
      setGroup("");
    } catch (caught) {
      if (caught instanceof ApiError) {
        setFields(caught.fieldErrors);
        setError(caught.message);
      } else setError("The server could not be reached.");
    }
  };
  const remove = async (mapping: GroupMappingView) => {
    await api(`/api/group-mappings/${mapping.id}`, { method: "DELETE" });
    setMappings(mappings.filter((candidate) => candidate.id !== mapping.id));
  };

  return (
    <div className="flex flex-col gap-4">
      {!oidcConfigured ? (
        <Notice tone="info">
          Single sign-on is not configured (KDEPLOY_OIDC_ISSUER, KDEPLOY_OIDC_CLIENT_ID, KDEPLOY_OIDC_CLIENT_SECRET); mappings apply once it is.
        </Notice>
      ) : null}
      {mappings.length === 0 ? (
        <EmptyState title="No group mappings">People who sign in with single sign-on get the roles mapped from their groups here.</EmptyState>
      ) : (
        <ul className="flex flex-col divide-y divide-slate-100 rounded-md border border-slate-200 bg-white">
          {mappings.map((mapping) => (
            <li key={mapping.id} className="flex items-center justify-between px-4 py-2 text-sm">
              <span>
                Group <strong>{mapping.group}</strong> → {ROLE_LABELS[mapping.role]}
                {mapping.deployEnvironmentIds ? ` (deploys to ${mapping.deployEnvironmentIds.map((id) => names.get(id) ?? id).join(", ")})` : ""}
              </span>
              <Button variant="ghost" onClick={() => remove(mapping)} aria-label={`Remove ${mapping.group} → ${ROLE_LABELS[mapping.role]}`}>
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={add} className="flex flex-wrap items-end gap-3" noValidate aria-label="New group mapping">
        {error && !fields.group ? <Notice tone="error">{error}</Notice> : null}
        <Field label="Group" errors={fields.group} className="w-64">
          {(props) => <input {...props} className={inputClass} value={group} onChange={(event) => setGroup(event.target.value)} />}
        </Field>
        <Field label="Role" errors={fields.role} className="w-48">
          {(props) => (
            <select {...props} className={inputClass} value={role} onChange={(event) => setRole(event.target.value as Role)}>
              {ROLES.map((candidate) => (
                <option key={candidate} value={candidate}>
                  {ROLE_LABELS[candidate]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Button type="submit" className={fields.group ? "mb-5" : ""}>
          Add mapping
        </Button>
        {role === "release-manager" ? (
          <div className="w-full">
            <DeployScopePicker deployEnvironmentIds={scope} onDeployEnvironmentIds={setScope} environments={environments} idPrefix="new-mapping" />
          </div>
        ) : null}
      </form>
    </div>
  );
}
