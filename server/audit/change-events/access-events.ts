// Change events of people and access: users, roles, group mappings, API tokens, sign-ins, the
// first-run setup, server settings. A password or a token is never part of an event: a reset is
// recorded as a reset, a token by its name and id.
import type { ApiTokenView } from "../../auth/api-tokens.ts";
import { ROLE_LABELS, type Role } from "../../auth/permissions.ts";
import type { GroupMappingView, UserUpdateInput, UserView } from "../../contracts/users.ts";
import type { ServerSettings } from "../../contracts/settings.ts";
import type { ChangeEvent } from "../change-trail.ts";

const userName = (user: Pick<UserView, "name" | "email">) => `${user.name} (${user.email})`;
const roleList = (roles: readonly Role[]) => (roles.length ? roles.map((role) => ROLE_LABELS[role]).join(", ") : "no role");
const scope = (ids: string[] | null) => (ids === null ? "all environments" : `${ids.length} environment${ids.length === 1 ? "" : "s"}`);
const sameList = (a: readonly string[] | null, b: readonly string[] | null) =>
  a === null || b === null ? a === b : [...a].sort().join() === [...b].sort().join();

const userEvent = (user: UserView, action: string, summary: string, details?: ChangeEvent["details"]): ChangeEvent => ({
  action,
  targetType: "user",
  targetId: user.id,
  targetName: userName(user),
  summary,
  details,
});

export const userCreated = (user: UserView): ChangeEvent =>
  userEvent(user, "user.create", `created user ${userName(user)} with ${roleList(user.roles)}`, {
    roles: user.roles,
    deployEnvironmentIds: user.deployEnvironmentIds,
  });

/** One event per kind of change, so "user.roles" or "user.password-reset" can be searched alone. */
export function userUpdated(before: UserView, after: UserView, input: UserUpdateInput): ChangeEvent[] {
  const events: ChangeEvent[] = [];
  if (before.name !== after.name)
    events.push(userEvent(after, "user.update", `renamed user ${after.email} from ${before.name} to ${after.name}`, { changedFields: ["name"] }));
  if (!sameList(before.roles, after.roles) || !sameList(before.deployEnvironmentIds, after.deployEnvironmentIds)) {
    const scoped = after.roles.includes("release-manager") ? `, deploying to ${scope(after.deployEnvironmentIds)}` : "";
    events.push(
      userEvent(after, "user.roles", `changed the roles of ${userName(after)} from ${roleList(before.roles)} to ${roleList(after.roles)}${scoped}`, {
        previousRoles: before.roles,
        roles: after.roles,
        previousDeployEnvironmentIds: before.deployEnvironmentIds,
        deployEnvironmentIds: after.deployEnvironmentIds,
      }),
    );
  }
  if (before.disabled !== after.disabled)
    events.push(
      after.disabled
        ? userEvent(after, "user.disable", `disabled user ${userName(after)} and signed them out everywhere`)
        : userEvent(after, "user.enable", `enabled user ${userName(after)} again`),
    );
  if (input.password) events.push(userEvent(after, "user.password-reset", `set a new password for ${userName(after)} and signed them out everywhere`));
  if (events.length === 0) events.push(userEvent(after, "user.update", `saved user ${userName(after)} without changes`, { changedFields: [] }));
  return events;
}

export const sessionsRevoked = (user: UserView, count: number): ChangeEvent =>
  userEvent(user, "user.sessions-revoke", `signed ${userName(user)} out of every browser (${count} session${count === 1 ? "" : "s"})`, { revoked: count });

export const signedIn = (user: Pick<UserView, "id" | "name" | "email">, method: "password" | "single sign-on"): ChangeEvent => ({
  action: "user.sign-in",
  targetType: "user",
  targetId: user.id,
  targetName: userName(user),
  summary: `signed in with ${method === "password" ? "a password" : "single sign-on"}`,
  details: { method },
});

export const setupCompleted = (user: UserView): ChangeEvent =>
  userEvent(user, "setup.complete", `completed the first-run setup and became the first administrator`, { roles: user.roles });

const mappingName = (mapping: GroupMappingView) => `${mapping.group} → ${ROLE_LABELS[mapping.role]}`;

export const groupMappingCreated = (mapping: GroupMappingView): ChangeEvent => ({
  action: "group-mapping.create",
  targetType: "group-mapping",
  targetId: mapping.id,
  targetName: mappingName(mapping),
  summary: `gave everyone in group "${mapping.group}" the role ${ROLE_LABELS[mapping.role]}${mapping.role === "release-manager" ? `, deploying to ${scope(mapping.deployEnvironmentIds)}` : ""}`,
  details: { group: mapping.group, role: mapping.role, deployEnvironmentIds: mapping.deployEnvironmentIds },
});

export const groupMappingDeleted = (mapping: GroupMappingView): ChangeEvent => ({
  action: "group-mapping.delete",
  targetType: "group-mapping",
  targetId: mapping.id,
  targetName: mappingName(mapping),
  summary: `took the role ${ROLE_LABELS[mapping.role]} from group "${mapping.group}"`,
  details: { group: mapping.group, role: mapping.role },
});

export const tokenCreated = (token: ApiTokenView): ChangeEvent => ({
  action: "token.create",
  targetType: "token",
  targetId: token.id,
  targetName: token.name,
  summary: `created API token "${token.name}" (${token.expiresAt ? `expires ${token.expiresAt.slice(0, 10)}` : "never expires"})`,
  details: { expiresAt: token.expiresAt },
});

export const tokenRevoked = (token: ApiTokenView): ChangeEvent => ({
  action: "token.revoke",
  targetType: "token",
  targetId: token.id,
  targetName: token.name,
  summary: `revoked API token "${token.name}"`,
});

const SETTING_LABELS: Record<keyof ServerSettings, string> = {
  allowedExecCommands: "Allowed exec plugin commands",
  serverPathRoots: "Server path roots",
};

/** One event per setting whose list changed, naming the entries added and removed (commands and paths are not secrets). */
export function settingsSaved(before: ServerSettings, after: ServerSettings): ChangeEvent[] {
  const events = (Object.keys(SETTING_LABELS) as (keyof ServerSettings)[]).flatMap((name) => {
    const added = after[name].filter((entry) => !before[name].includes(entry));
    const removed = before[name].filter((entry) => !after[name].includes(entry));
    if (added.length === 0 && removed.length === 0) return [];
    const parts = [added.length ? `added ${added.join(", ")}` : "", removed.length ? `removed ${removed.join(", ")}` : ""].filter(Boolean);
    return [
      {
        action: "setting.update",
        targetType: "setting",
        targetId: name,
        targetName: SETTING_LABELS[name],
        summary: `${SETTING_LABELS[name]}: ${parts.join("; ")}`,
        details: { added, removed },
      } satisfies ChangeEvent,
    ];
  });
  return events.length
    ? events
    : [
        {
          action: "setting.update",
          targetType: "setting",
          targetId: null,
          targetName: "Server settings",
          summary: "saved the server settings without changes",
        },
      ];
}
