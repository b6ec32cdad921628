// Installs a test database and a throwaway secret key as the app context, so route handlers
// (app/api/**/route.ts) can be called directly with Request objects, signed in the way a real
// client is: each call carries a real API token of a real user with the roles asked for.
import { randomBytes } from "node:crypto";
import { createSealer, type Sealer } from "../security/credentials.ts";
import { createExecutor } from "../deploy/executor.ts";
import { logger } from "../logging.ts";
import { appContext, resetAppContext } from "../context.ts";
import { createAuth } from "../auth/auth-instance.ts";
import { createApiToken } from "../auth/api-tokens.ts";
import { createLocalUser } from "../auth/users.ts";
import type { Role } from "../auth/permissions.ts";
import type { TestDatabase } from "./test-database.ts";

export const TEST_ORIGIN = "http://127.0.0.1:3000";

type Holder = { __kdeployTestTokens?: Map<string, Promise<string>> };
const holder = globalThis as typeof globalThis & Holder;

export function installTestContext(database: TestDatabase, options: { signInRateLimit?: { window: number; max: number } } = {}): { sealer: Sealer } {
  const sealer = createSealer(randomBytes(32));
  const log = logger();
  resetAppContext();
  const auth = createAuth({
    db: database.db,
    provider: database.provider,
    secret: sealer.deriveSecret("sessions"),
    publicUrl: TEST_ORIGIN,
    allowedOrigins: [TEST_ORIGIN],
    sessionHours: 12,
    signInRateLimit: options.signInRateLimit,
  });
  (globalThis as { __kdeployContext?: unknown }).__kdeployContext = { db: database.db, sealer, auth, log, executor: createExecutor(database.db, sealer, log) };
  holder.__kdeployTestTokens = new Map();
  return { sealer };
}

/**
 * A bearer token of a user holding exactly these roles (created once per test context).
 * deployEnvironmentIds limits a release manager's deploy permission.
 */
export function testToken(roles: Role | Role[], deployEnvironmentIds: string[] | null = null): Promise<string> {
  const list = [roles].flat();
  const key = `${list.join("+")}@${deployEnvironmentIds?.join(",") ?? "*"}`;
  const tokens = (holder.__kdeployTestTokens ??= new Map());
  let token = tokens.get(key);
  if (!token) {
    token = (async () => {
      const { db, auth } = appContext();
      const suffix = randomBytes(4).toString("hex");
      const user = await createLocalUser(db, auth, {
        name: `Test ${key}`,
        email: `${list.join("-") || "none"}-${suffix}@test.kdeploy.dev`,
        password: randomBytes(18).toString("base64url"),
        roles: list,
        deployEnvironmentIds,
      });
      return (await createApiToken(db, user.id, { name: "tests", expiresInDays: null })).token;
    })();
    tokens.set(key, token);
  }
  return token;
}

export type CallAs = Role | Role[] | "anonymous" | { token: string } | { cookie: string };

/** Calls a route handler like Next does; as an administrator unless `as` says otherwise. */
export async function call(
  handler: (request: Request, segment: { params: Promise<Record<string, string>> }) => Promise<Response>,
  options: {
    method?: string;
    url?: string;
    params?: Record<string, string>;
    body?: unknown;
    /** Sent as is; bytes for a body that is not UTF-8. */
    rawBody?: string | Uint8Array<ArrayBuffer>;
    as?: CallAs;
    headers?: Record<string, string>;
  } = {},
): Promise<{ status: number; json: any; text: string; headers: Headers }> {
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const headers = new Headers(options.headers);
  if (body && !headers.has("content-type")) headers.set("content-type", "application/json");
  const as = options.as ?? "admin";
  if (typeof as === "object" && "token" in as) headers.set("authorization", `Bearer ${as.token}`);
  else if (typeof as === "object" && "cookie" in as) {
    headers.set("cookie", as.cookie);
    if (!headers.has("origin")) headers.set("origin", TEST_ORIGIN);
  } else if (as !== "anonymous") headers.set("authorization", `Bearer ${await testToken(as)}`);
  const request = new Request(options.url ?? `${TEST_ORIGIN}/api/test`, { method: options.method ?? (body ? "POST" : "GET"), body, headers });
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text, headers: response.headers };
}
