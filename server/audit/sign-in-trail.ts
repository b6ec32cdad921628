// Successful sign-ins in the change trail, from better-auth's session hook (server/auth/auth-instance.ts):
// every new session is a sign-in (password, single sign-on, or the first-run setup signing the new
// administrator in). A refused sign-in creates no session and so records nothing here.
import type { Database } from "../store/database.ts";
import { CLIENT_ADDRESS_HEADER } from "../auth/auth-instance.ts";
import { recordChange } from "./change-trail.ts";
import { signedIn } from "./change-events/access-events.ts";

type NewSession = { userId: string; ipAddress?: string | null; userAgent?: string | null };

export async function recordSignIn(db: Database, session: NewSession, endpointPath: string | undefined): Promise<void> {
  const user = await db.user.findUnique({ where: { id: session.userId }, select: { id: true, name: true, email: true } });
  if (!user) return;
  // The session carries the address better-auth read from our client-address header.
  const headers = new Headers();
  if (session.ipAddress) headers.set(CLIENT_ADDRESS_HEADER, session.ipAddress);
  if (session.userAgent) headers.set("user-agent", session.userAgent);
  const method = endpointPath?.includes("oauth2") || endpointPath?.includes("callback") ? "single sign-on" : "password";
  await recordChange(db, { principal: { id: user.id, name: user.name, via: "session" }, request: { headers }, ...signedIn(user, method) });
}
