// Users, roles, group mappings, API tokens and the first-run setup: inputs and views.
import { z } from "zod";
import { ROLES, type Role } from "../auth/permissions.ts";

export const MIN_PASSWORD = 12;
const email = z.email("Enter an email address like name@example.com").max(254);
const password = z.string().min(MIN_PASSWORD, `Use at least ${MIN_PASSWORD} characters`).max(256, "Use at most 256 characters");
const name = z.string().trim().min(1, "Name is required").max(100, "Use at most 100 characters");
const roles = z.array(z.enum(ROLES, "Unknown role")).max(ROLES.length);
/** null: every environment; a list: only these (release managers). */
const deployEnvironmentIds = z.array(z.string().min(1)).nullable();

export const setupInput = z.object({ token: z.string().min(1, "The setup link is incomplete"), name, email, password });
export type SetupInput = z.infer<typeof setupInput>;

export const userCreateInput = z.object({ name, email, password, roles, deployEnvironmentIds: deployEnvironmentIds.default(null) });
export type UserCreateInput = z.infer<typeof userCreateInput>;

export const userUpdateInput = z.object({
  name: name.optional(),
  roles: roles.optional(),
  deployEnvironmentIds: deployEnvironmentIds.optional(),
  disabled: z.boolean().optional(),
  password: password.optional(),
});
export type UserUpdateInput = z.infer<typeof userUpdateInput>;

export const groupMappingInput = z.object({
  group: z
    .string()
    .trim()
    .min(1, "Group is required")
    .max(200)
    .regex(/^[^,]+$/, "A group name cannot contain a comma"),
  role: z.enum(ROLES, "Unknown role"),
  deployEnvironmentIds: deployEnvironmentIds.default(null),
});
export type GroupMappingInput = z.infer<typeof groupMappingInput>;

export const apiTokenInput = z.object({
  name: z.string().trim().min(1, "Name is required").max(100),
  expiresInDays: z.number().int().min(1, "At least 1 day").max(3650, "At most 3650 days").nullable().default(90),
});
export type ApiTokenInput = z.infer<typeof apiTokenInput>;

export type UserView = {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  deployEnvironmentIds: string[] | null;
  oidcGroups: string[];
  disabled: boolean;
  signInMethods: string[];
  activeSessions: number;
  createdAt: string;
};

export type GroupMappingView = { id: string; group: string; role: Role; deployEnvironmentIds: string[] | null };
