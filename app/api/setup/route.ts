import { publicRoute, readBody } from "@/server/http/route.ts";
import { setupInput } from "@/server/contracts/users.ts";
import { completeSetup } from "@/server/auth/first-run.ts";

/** Creates the first administrator from the one-time link printed at start-up, then signs them in. */
export const POST = publicRoute(async ({ request, context }) => {
  const input = await readBody(request, setupInput);
  await completeSetup(context.db, context.auth, input);
  return context.auth.api.signInEmail({ body: { email: input.email, password: input.password }, headers: request.headers, asResponse: true });
});
