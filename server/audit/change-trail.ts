// Writing the change trail: one AuditEvent per change a person (or the server) made, with who,
// how they were signed in, from which address and browser, and what changed. Route handlers call
// recordChange after their server call succeeded, so a refused request records nothing.
// What an event may hold: names, versions, counts, which fields changed. Never a value of a
// secret (a Secret step's data, a target's credentials, a password, a token): the builders in
// change-events/ take only what is safe, and ChangeDetails has no room for nested objects.
// See docs/audit.md ("The change trail").
import type { Database, Prisma } from "../store/database.ts";
import type { ChangeDetails, ChangeTargetType } from "../contracts/audit.ts";
import type { Principal } from "../auth/permissions.ts";
import { CLIENT_ADDRESS_HEADER } from "../auth/auth-instance.ts";

/** What changed, as the builders in change-events/ describe it. */
export type ChangeEvent = {
  action: string;
  targetType: ChangeTargetType;
  targetId: string | null;
  targetName: string;
  summary: string;
  details?: ChangeDetails;
};

export type ChangeActor = Pick<Principal, "id" | "name" | "via">;
/** The request the change came with (only its headers are read). */
export type ChangeOrigin = { headers: Headers };

const MAX_USER_AGENT = 512;
const MAX_TEXT = 1000;
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export async function recordChange(
  db: Database,
  input: ChangeEvent & { principal: ChangeActor; request: ChangeOrigin | null },
  now = new Date(),
): Promise<void> {
  const { principal, request, ...event } = input;
  await db.auditEvent.create({ data: eventRow(principal, request, event, now) });
}

/** Several events of one request (a user update that changes roles and resets the password). */
export async function recordChanges(db: Database, actor: { principal: ChangeActor; request: ChangeOrigin | null }, events: ChangeEvent[], now = new Date()) {
  if (events.length === 0) return;
  // Same time for all; ids (cuid) keep them apart and in order.
  for (const event of events) await db.auditEvent.create({ data: eventRow(actor.principal, actor.request, event, now) });
}

function eventRow(principal: ChangeActor, request: ChangeOrigin | null, event: ChangeEvent, at: Date): Prisma.AuditEventCreateInput {
  // The address is the one server/index.ts wrote from the socket (it overwrites what a client sent).
  const ipAddress = request?.headers.get(CLIENT_ADDRESS_HEADER) || null;
  const userAgent = request?.headers.get("user-agent") || null;
  return {
    at,
    actorId: principal.via === "system" ? null : principal.id,
    actorName: clip(principal.name, 200),
    actorVia: principal.via,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    targetName: clip(event.targetName, 300),
    summary: clip(event.summary, MAX_TEXT),
    ipAddress: ipAddress ? clip(ipAddress, 64) : null,
    userAgent: userAgent ? clip(userAgent, MAX_USER_AGENT) : null,
    details: event.details ? (safeDetails(event.details) as Prisma.InputJsonValue) : undefined,
  };
}

/** Flat facts only: a nested object (a whole configuration, say) is refused rather than stored. */
function safeDetails(details: ChangeDetails): ChangeDetails {
  for (const [key, value] of Object.entries(details)) {
    const flat =
      value === null || ["string", "number", "boolean"].includes(typeof value) || (Array.isArray(value) && value.every((item) => typeof item === "string"));
    if (!flat) throw new Error(`Change detail "${key}" is not a flat value`);
  }
  return details;
}
