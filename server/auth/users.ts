// Administration of people: local accounts, roles, deploy scopes, disabling, revoking sessions,
// and the mapping of an identity provider's groups to roles.
import type { Database } from "../store/database.ts";
import { ConflictError, FieldValidationError, NotFoundError } from "../errors.ts";
import type { GroupMappingInput, GroupMappingView, UserCreateInput, UserUpdateInput, UserView } from "../contracts/users.ts";
import type { Auth } from "./auth-instance.ts";
import { hashPassword } from "./password.ts";
import { isRole, type Role } from "./permissions.ts";
import { splitList } from "./principal.ts";

const joinList = (list: readonly string[] | null | undefined) => (list === null || list === undefined ? null : list.join(","));

const USER_VIEW_INCLUDE = { accounts: { select: { providerId: true } }, sessions: { select: { expiresAt: true } } } as const;
type UserRow = NonNullable<Awaited<ReturnType<Database["user"]["findUnique"]>>> & {
  accounts: { providerId: string }[];
  sessions: { expiresAt: Date }[];
};

function userView(user: UserRow, now = new Date()): UserView {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    roles: splitList(user.roles).filter(isRole),
    deployEnvironmentIds: user.deployEnvironmentIds === null ? null : splitList(user.deployEnvironmentIds),
    oidcGroups: splitList(user.oidcGroups),
    disabled: user.disabled,
    signInMethods: [...new Set(user.accounts.map((account) => (account.providerId === "credential" ? "password" : "single sign-on")))],
    activeSessions: user.sessions.filter((session) => session.expiresAt > now).length,
    createdAt: user.createdAt.toISOString(),
  };
}

export async function listUsers(db: Database): Promise<UserView[]> {
  const users = await db.user.findMany({ orderBy: { email: "asc" }, include: USER_VIEW_INCLUDE });
  const now = new Date();
  return users.map((user) => userView(user, now));
}

export async function getUser(db: Database, id: string): Promise<UserView> {
  const user = await db.user.findUnique({ where: { id }, include: USER_VIEW_INCLUDE });
  if (!user) throw new NotFoundError("User", id);
  return userView(user);
}

/** A local account (email + password), created by an administrator or the first-run setup. */
export async function createLocalUser(db: Database, auth: Auth, input: UserCreateInput): Promise<UserView> {
  const email = input.email.toLowerCase();
  if (await db.user.findUnique({ where: { email } })) throw new FieldValidationError([{ path: "email", message: "A user with this email exists already" }]);
  const context = await auth.$context;
  const user = await context.internalAdapter.createUser(
    {
      email,
      name: input.name,
      emailVerified: true,
      roles: input.roles.join(","),
      deployEnvironmentIds: joinList(input.deployEnvironmentIds),
    },
    { method: "admin" },
  );
  await context.internalAdapter.linkAccount({ userId: user.id, providerId: "credential", accountId: user.id, password: await hashPassword(input.password) });
  return getUser(db, user.id);
}

export async function updateUser(db: Database, actorId: string, id: string, input: UserUpdateInput): Promise<UserView> {
  const user = await db.user.findUnique({ where: { id } });
  if (!user) throw new NotFoundError("User", id);
  if (id === actorId && (input.disabled || (input.roles && !input.roles.includes("admin")))) {
    // Locking yourself out is never what was meant; another administrator can do it.
    throw new ConflictError("You cannot remove your own administrator role or disable yourself");
  }
  if ((input.disabled || (input.roles && !input.roles.includes("admin"))) && splitList(user.roles).includes("admin")) {
    const otherAdmins = await db.user.count({ where: { id: { not: id }, disabled: false, roles: { contains: "admin" } } });
    if (otherAdmins === 0) throw new ConflictError("This is the last administrator; give another user the administrator role first");
  }
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id },
      data: {
        name: input.name,
        roles: input.roles?.join(","),
        deployEnvironmentIds: input.deployEnvironmentIds === undefined ? undefined : joinList(input.deployEnvironmentIds),
        disabled: input.disabled,
      },
    });
    if (input.disabled) await tx.session.deleteMany({ where: { userId: id } });
    if (input.password) {
      const hashed = await hashPassword(input.password);
      const updated = await tx.account.updateMany({ where: { userId: id, providerId: "credential" }, data: { password: hashed } });
      if (updated.count === 0)
        await tx.account.create({ data: { id: crypto.randomUUID(), userId: id, providerId: "credential", accountId: id, password: hashed } });
      // A new password signs the user out everywhere.
      await tx.session.deleteMany({ where: { userId: id } });
    }
  });
  return getUser(db, id);
}

/** Signs a user out of every browser. */
export async function revokeSessions(db: Database, id: string): Promise<number> {
  if (!(await db.user.findUnique({ where: { id } }))) throw new NotFoundError("User", id);
  return (await db.session.deleteMany({ where: { userId: id } })).count;
}

export async function listGroupMappings(db: Database): Promise<GroupMappingView[]> {
  const rows = await db.groupRoleMapping.findMany({ orderBy: [{ group: "asc" }, { role: "asc" }] });
  return rows.map((row) => ({
    id: row.id,
    group: row.group,
    role: row.role as Role,
    deployEnvironmentIds: row.deployEnvironmentIds === null ? null : splitList(row.deployEnvironmentIds),
  }));
}

export async function createGroupMapping(db: Database, input: GroupMappingInput): Promise<GroupMappingView> {
  if (await db.groupRoleMapping.findUnique({ where: { group_role: { group: input.group, role: input.role } } })) {
    throw new FieldValidationError([{ path: "group", message: "This group has this role already" }]);
  }
  const row = await db.groupRoleMapping.create({ data: { group: input.group, role: input.role, deployEnvironmentIds: joinList(input.deployEnvironmentIds) } });
  return { id: row.id, group: row.group, role: row.role as Role, deployEnvironmentIds: input.deployEnvironmentIds };
}

export async function deleteGroupMapping(db: Database, id: string): Promise<GroupMappingView> {
  const row = await db.groupRoleMapping.findUnique({ where: { id } });
  if (!row) throw new NotFoundError("Group mapping", id);
  await db.groupRoleMapping.delete({ where: { id } });
  return {
    id: row.id,
    group: row.group,
    role: row.role as Role,
    deployEnvironmentIds: row.deployEnvironmentIds === null ? null : splitList(row.deployEnvironmentIds),
  };
}
