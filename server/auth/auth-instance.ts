// The authentication library's instance: better-auth with its Prisma adapter on our own tables
// (User, Session, Account, Verification in prisma/models.prisma). It owns sign-in (email and
// password, OIDC), session cookies, sign-out, session expiry and sign-in rate limiting; roles
// and API tokens are ours (server/auth/principal.ts). See docs/decisions.md ("Identity").
import { betterAuth } from "better-auth";
import { APIError } from "better-auth/api";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { genericOAuth } from "better-auth/plugins";
import type { Database } from "../store/database.ts";
import { hashPassword, verifyPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password.ts";
import { recordSignIn } from "../audit/sign-in-trail.ts";

export type OidcOptions = { issuer: string; clientId: string; clientSecret: string; name: string; groupsClaim: string };

export type AuthOptions = {
  db: Database;
  provider: "sqlite" | "postgresql";
  /** Signs cookies and encrypts OAuth tokens at rest (derived from the app's secret key). */
  secret: string;
  publicUrl: string;
  allowedOrigins: string[];
  sessionHours: number;
  oidc?: OidcOptions;
  /** Sign-in attempts allowed per client address per window (tests lower the window). */
  signInRateLimit?: { window: number; max: number };
};

/** The only header the client address is read from; server/index.ts sets it from the socket. */
export const CLIENT_ADDRESS_HEADER = "x-kdeploy-client-address";
export const OIDC_PROVIDER_ID = "oidc";

export function createAuth(options: AuthOptions) {
  const sessionSeconds = Math.round(options.sessionHours * 3600);
  const signInLimit = options.signInRateLimit ?? { window: 60, max: 5 };
  const pendingGroups = new PendingOidcGroups();
  return betterAuth({
    appName: "kdeploy",
    baseURL: options.publicUrl,
    basePath: "/api/auth",
    secret: options.secret,
    trustedOrigins: options.allowedOrigins,
    telemetry: { enabled: false },
    database: prismaAdapter(options.db, { provider: options.provider }),
    emailAndPassword: {
      enabled: true,
      // Accounts are created by an administrator (or the first-run setup), never by sign-up.
      disableSignUp: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
      password: { hash: hashPassword, verify: verifyPassword },
    },
    session: {
      expiresIn: sessionSeconds,
      // Sliding expiry: an active session is extended at most every tenth of its lifetime.
      updateAge: Math.max(60, Math.round(sessionSeconds / 10)),
      // No cookie cache: every request reads the session row, so a revoked session stops at once.
    },
    account: { encryptOAuthTokens: true, accountLinking: { enabled: true, trustedProviders: [OIDC_PROVIDER_ID] } },
    user: {
      additionalFields: {
        roles: { type: "string", required: false, defaultValue: "", input: false },
        oidcGroups: { type: "string", required: false, defaultValue: "", input: false },
        disabled: { type: "boolean", required: false, defaultValue: false, input: false },
        deployEnvironmentIds: { type: "string", required: false, input: false },
      },
    },
    rateLimit: {
      enabled: true,
      storage: "memory",
      window: 60,
      max: 100,
      customRules: { "/sign-in/email": signInLimit, "/sign-in/social": signInLimit },
    },
    advanced: {
      // Explicitly on: better-auth turns its origin and CSRF checks off by itself when NODE_ENV is
      // "test" or TEST is set in the environment, which would also make the CSRF test prove nothing.
      disableOriginCheck: false,
      disableCSRFCheck: false,
      cookiePrefix: "kdeploy",
      useSecureCookies: options.publicUrl.startsWith("https://"),
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
    },
    databaseHooks: {
      user: {
        create: { before: async (user) => ({ data: pendingGroups.applyTo(user) }) },
        update: { before: async (user) => ({ data: pendingGroups.applyTo(user) }) },
      },
      session: {
        create: {
          before: async (session) => {
            const user = await options.db.user.findUnique({ where: { id: session.userId }, select: { disabled: true } });
            if (!user || user.disabled) throw new APIError("FORBIDDEN", { message: "This account is disabled" });
            return { data: session };
          },
          // Every new session is a successful sign-in: the change trail records it (docs/audit.md).
          after: async (session, context) => recordSignIn(options.db, session, context?.path),
        },
      },
    },
    plugins: options.oidc ? [oidcPlugin(options.oidc, pendingGroups)] : [],
  });
}

/**
 * The groups of a single sign-on on their way to the user row. better-auth copies from
 * mapProfileToUser only the fields a user may set themselves (input: true), and oidcGroups must
 * never be one (POST /api/auth/update-user would let anyone choose their groups). So the groups wait
 * here, by email, for the user row the same sign-in creates or updates (overrideUserInfo).
 */
class PendingOidcGroups {
  private readonly byEmail = new Map<string, string>();

  remember(email: unknown, groups: string[]): void {
    if (typeof email === "string") this.byEmail.set(email.toLowerCase(), groups.join(","));
  }

  applyTo<T extends { email?: unknown }>(user: T): T & { oidcGroups?: string } {
    const email = typeof user.email === "string" ? user.email.toLowerCase() : undefined;
    const groups = email === undefined ? undefined : this.byEmail.get(email);
    if (email === undefined || groups === undefined) return user;
    this.byEmail.delete(email);
    return { ...user, oidcGroups: groups };
  }
}

function oidcPlugin(oidc: OidcOptions, pendingGroups: PendingOidcGroups) {
  return genericOAuth({
    config: [
      {
        providerId: OIDC_PROVIDER_ID,
        discoveryUrl: `${oidc.issuer}/.well-known/openid-configuration`,
        clientId: oidc.clientId,
        clientSecret: oidc.clientSecret,
        scopes: ["openid", "email", "profile", oidc.groupsClaim],
        pkce: true,
        // The identity provider is the source of truth for name and groups on every sign-in.
        overrideUserInfo: true,
        mapProfileToUser: (profile) => {
          pendingGroups.remember(profile.email, groupsOf(profile[oidc.groupsClaim]));
          return {};
        },
      },
    ],
  });
}

function groupsOf(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.filter((group): group is string => typeof group === "string" && group.length > 0 && !group.includes(","));
  if (typeof claim === "string" && claim) return claim.split(/[\s,]+/).filter(Boolean);
  return [];
}

export type Auth = ReturnType<typeof createAuth>;
