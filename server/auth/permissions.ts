// Who may do what: the four roles of product.md and the permissions each one grants. Pure data
// and functions (no I/O), shared by authorize(), the pages (to hide what a role may not do) and
// the permission-matrix test.
//
// An administrator holds every permission: the first user must be able to do everything, and an
// administrator can grant themselves any role anyway, so withholding would only add clicks.
export const ROLES = ["admin", "release-manager", "team-member", "auditor"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Administrator",
  "release-manager": "Release manager",
  "team-member": "Team member",
  auditor: "Auditor",
};

export const PERMISSIONS = [
  /** Projects, steps, releases (read). */
  "project:read",
  /** Projects, steps and their verification options, releases, process import (write). */
  "project:write",
  /** Deployments, their task log and the live tab; auditors only for finished deployments. */
  "deployment:read",
  /** Queue a deployment; release managers may be limited to some environments. */
  "deployment:create",
  /** Environment names and descriptions (never credentials). */
  "environment:read",
  /** Environments and their Kubernetes targets, connection tests. */
  "environment:write",
  /** Snapshots, the audit browser, the change trail, exports. */
  "audit:read",
  /** Users, roles, OIDC group mappings. */
  "users:manage",
  /** Server settings: allowed exec plugin commands, server path roots. */
  "settings:manage",
  /** Any signed-in user: their own profile and API tokens. */
  "self",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  "release-manager": ["self", "project:read", "project:write", "deployment:read", "deployment:create", "environment:read", "audit:read"],
  "team-member": ["self", "project:read", "deployment:read", "environment:read"],
  auditor: ["self", "deployment:read", "audit:read", "environment:read"],
};

export type Principal = {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  /** Environments a release manager may deploy to; null = all. Ignored for administrators. */
  deployEnvironmentIds: string[] | null;
  /** How the request proved who it is. */
  via: "session" | "token" | "system";
};

/** The server acting on its own (start-up, recovery, test harnesses): never a request's principal. */
export const SYSTEM_PRINCIPAL: Principal = { id: "system", name: "kdeploy", email: "", roles: ["admin"], deployEnvironmentIds: null, via: "system" };

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  return new Set(roles.flatMap((role) => GRANTS[role]));
}

/** "self" needs no role: a signed-in user without one still reaches their account page. */
export function can(principal: Pick<Principal, "roles">, permission: Permission): boolean {
  return permission === "self" || permissionsOf(principal.roles).has(permission);
}

/** Auditors read finished deployments only; everyone else with deployment:read reads all. */
export function canReadDeployment(principal: Pick<Principal, "roles">, deployment: { finishedAt: Date | string | null }): boolean {
  if (!can(principal, "deployment:read")) return false;
  const seesRunning = principal.roles.some((role) => role !== "auditor" && GRANTS[role].includes("deployment:read"));
  return seesRunning || deployment.finishedAt !== null;
}

export function canDeployTo(principal: Pick<Principal, "roles" | "deployEnvironmentIds">, environmentId: string): boolean {
  if (principal.roles.includes("admin")) return true;
  if (!can(principal, "deployment:create")) return false;
  return principal.deployEnvironmentIds === null || principal.deployEnvironmentIds.includes(environmentId);
}
