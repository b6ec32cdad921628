// Who a request is: a session cookie (better-auth) or an API token, resolved to the user and the
// roles they hold directly and through their identity provider's groups.
import type { Database } from "../store/database.ts";
import type { Auth } from "./auth-instance.ts";
import { userIdForToken } from "./api-tokens.ts";
import { isRole, type Principal, type Role } from "./permissions.ts";

export const splitList = (text: string | null | undefined): string[] => (text ? text.split(",").filter(Boolean) : []);

export async function resolvePrincipal(db: Database, auth: Auth, headers: Headers): Promise<Principal | undefined> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.get("authorization") ?? "")?.[1];
  if (bearer) {
    const userId = await userIdForToken(db, bearer);
    return userId ? principalForUser(db, userId, "token") : undefined;
  }
  const session = await auth.api.getSession({ headers });
  return session ? principalForUser(db, session.user.id, "session") : undefined;
}

export async function principalForUser(db: Database, userId: string, via: Principal["via"]): Promise<Principal | undefined> {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user || user.disabled) return undefined;
  const groups = splitList(user.oidcGroups);
  const mappings = groups.length ? await db.groupRoleMapping.findMany({ where: { group: { in: groups } } }) : [];
  const grants = [
    { role: user.roles, environments: user.deployEnvironmentIds },
    ...mappings.map((mapping) => ({ role: mapping.role, environments: mapping.deployEnvironmentIds })),
  ].flatMap((grant) =>
    splitList(grant.role)
      .filter(isRole)
      .map((role) => ({ role, environments: grant.environments })),
  );
  const roles = [...new Set(grants.map((grant) => grant.role))] as Role[];
  // Deploy scope: the union over the grants that allow deploying; one unlimited grant is unlimited.
  const deployGrants = grants.filter((grant) => grant.role === "release-manager");
  const deployEnvironmentIds = deployGrants.some((grant) => grant.environments === null)
    ? null
    : [...new Set(deployGrants.flatMap((grant) => splitList(grant.environments)))];
  return { id: user.id, name: user.name, email: user.email, roles, deployEnvironmentIds, via };
}
