// Authorization for pages (server components): the same authorize() as the API. Nobody signed in
// → the sign-in page (coming back here afterwards); a role without the permission → the 403 page
// (app/forbidden.tsx).
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { currentPrincipal } from "./authorize.ts";
import { can, type Permission, type Principal } from "./permissions.ts";
import { REQUEST_PATH_HEADER } from "./request-headers.ts";

export async function pagePrincipal(): Promise<Principal | undefined> {
  return currentPrincipal({ headers: await headers() });
}

export async function requirePagePermission(permission: Permission): Promise<Principal> {
  const requestHeaders = await headers();
  const principal = await currentPrincipal({ headers: requestHeaders });
  if (!principal) {
    const path = requestHeaders.get(REQUEST_PATH_HEADER);
    redirect(path && path.startsWith("/") && !path.startsWith("//") ? `/sign-in?next=${encodeURIComponent(path)}` : "/sign-in");
  }
  if (!can(principal, permission)) forbidden();
  return principal;
}
