"use client";
// Roles as checkboxes, and for release managers the environments they may deploy to.
import { ROLES, ROLE_LABELS, type Role } from "@/server/auth/permissions.ts";

export type EnvironmentOption = { id: string; name: string };

export function RolePicker({
  roles,
  onRoles,
  deployEnvironmentIds,
  onDeployEnvironmentIds,
  environments,
  idPrefix,
}: {
  roles: Role[];
  onRoles: (roles: Role[]) => void;
  deployEnvironmentIds: string[] | null;
  onDeployEnvironmentIds: (ids: string[] | null) => void;
  environments: EnvironmentOption[];
  idPrefix: string;
}) {
  const toggle = (role: Role) => onRoles(roles.includes(role) ? roles.filter((candidate) => candidate !== role) : [...roles, role]);
  return (
    <div className="flex flex-col gap-3">
      <fieldset className="flex flex-wrap gap-4">
        <legend className="mb-1 text-sm font-medium text-slate-800">Roles</legend>
        {ROLES.map((role) => (
          <label key={role} className="flex items-center gap-2 text-sm">
            <input type="checkbox" id={`${idPrefix}-${role}`} checked={roles.includes(role)} onChange={() => toggle(role)} />
            {ROLE_LABELS[role]}
          </label>
        ))}
      </fieldset>
      {roles.includes("release-manager") && !roles.includes("admin") ? (
        <DeployScopePicker
          deployEnvironmentIds={deployEnvironmentIds}
          onDeployEnvironmentIds={onDeployEnvironmentIds}
          environments={environments}
          idPrefix={idPrefix}
        />
      ) : null}
    </div>
  );
}

/** Every environment, or only the ones ticked (a release manager's deploy permission). */
export function DeployScopePicker({
  deployEnvironmentIds,
  onDeployEnvironmentIds,
  environments,
  idPrefix,
}: {
  deployEnvironmentIds: string[] | null;
  onDeployEnvironmentIds: (ids: string[] | null) => void;
  environments: EnvironmentOption[];
  idPrefix: string;
}) {
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-sm font-medium text-slate-800">May deploy to</legend>
      <label className="flex items-center gap-2 text-sm">
        <input type="radio" name={`${idPrefix}-scope`} checked={deployEnvironmentIds === null} onChange={() => onDeployEnvironmentIds(null)} />
        Every environment
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="radio" name={`${idPrefix}-scope`} checked={deployEnvironmentIds !== null} onChange={() => onDeployEnvironmentIds([])} />
        Only these:
      </label>
      {deployEnvironmentIds !== null ? (
        <div className="ml-6 flex flex-wrap gap-4">
          {environments.length === 0 ? <span className="text-xs text-slate-500">No environments yet.</span> : null}
          {environments.map((environment) => (
            <label key={environment.id} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={deployEnvironmentIds.includes(environment.id)}
                onChange={() =>
                  onDeployEnvironmentIds(
                    deployEnvironmentIds.includes(environment.id)
                      ? deployEnvironmentIds.filter((id) => id !== environment.id)
                      : [...deployEnvironmentIds, environment.id],
                  )
                }
              />
              {environment.name}
            </label>
          ))}
        </div>
      ) : null}
    </fieldset>
  );
}
