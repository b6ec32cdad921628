// The one authorization check every page, API route and socket event calls: who is asking
// (session cookie or API token, server/auth/principal.ts) and may their roles do this
// (server/auth/permissions.ts). Nobody → 401; a role without the permission → 403.
import { appContext } from "../context.ts";
import { can, type Permission, type Principal } from "./permissions.ts";
import { resolvePrincipal } from "./principal.ts";

export type { Permission, Principal } from "./permissions.ts";

export class UnauthorizedError extends Error {
  constructor(message = "Sign in to continue") {
    super(message);
  }
}
export class ForbiddenError extends Error {
  constructor(message = "Your role does not allow this") {
    super(message);
  }
}

type HeaderSource = Request | { headers: Headers | Record<string, unknown> };

export function headersOf(source: HeaderSource): Headers {
  if (source.headers instanceof Headers) return source.headers;
  const headers = new Headers();
  for (const [name, value] of Object.entries(source.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) headers.set(name, value.join(", "));
  }
  return headers;
}

/** Who is asking, or undefined for an anonymous request. */
export async function currentPrincipal(source: HeaderSource): Promise<Principal | undefined> {
  const context = appContext();
  return resolvePrincipal(context.db, context.auth, headersOf(source));
}

export async function authorize(source: HeaderSource, permission: Permission): Promise<Principal> {
  const principal = await currentPrincipal(source);
  if (!principal) throw new UnauthorizedError();
  if (!can(principal, permission)) throw new ForbiddenError();
  return principal;
}
