import { publicRoute, readBody } from "@/server/http/route.ts";
import { setupInput } from "@/server/contracts/users.ts";
import { completeSetup } from "@/server/auth/first-run.ts";
import { recordChange } from "@/server/audit/change-trail.ts";
import { setupCompleted } from "@/server/audit/change-events/access-events.ts";

/** Creates the first administrator from the one-time link printed at start-up, then signs them in. */
export const POST = publicRoute(async ({ request, context }) => {
  const input = await readBody(request, setupInput);
  const administrator = await completeSetup(context.db, context.auth, input);
  await recordChange(context.db, { principal: { ...administrator, via: "session" }, request, ...setupCompleted(administrator) });
  return context.auth.api.signInEmail({ body: { email: input.email, password: input.password }, headers: request.headers, asResponse: true });
});
