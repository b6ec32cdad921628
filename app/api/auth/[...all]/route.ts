// better-auth's endpoints: sign-in (email and password, OIDC), the OIDC callback, sign-out,
// session. The library checks their Origin against the app's own origins (trustedOrigins).
import { appContext } from "@/server/context.ts";

const handle = (request: Request) => appContext().auth.handler(request);
export const GET = handle;
export const POST = handle;
