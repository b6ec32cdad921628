// Who may open a live connection: a browser on the app's own pages, or a client outside a
// browser, either way signed in (session cookie, or an API token in the handshake's auth.token).
// The Host/Origin check runs on the raw handshake request (engine.io allowRequest), before any
// Socket.IO state exists; the sign-in check is namespace middleware, so a refused client gets
// the reason in its connect_error.
import type { IncomingMessage } from "node:http";
import type { Socket } from "socket.io";
import { authorize, ForbiddenError, headersOf, UnauthorizedError, type Principal } from "../auth/authorize.ts";
import type { Logger } from "../logging.ts";
import { isAllowedHost, isAllowedOrigin } from "../http/origins.ts";

/** engine.io's allowRequest: the handshake's Host and Origin must be the app's own. */
export function handshakeAdmission(allowedOrigins: readonly string[]) {
  return (request: IncomingMessage, callback: (error: string | null | undefined, success: boolean) => void) => {
    const site = request.headers["sec-fetch-site"];
    const origin = request.headers.origin;
    if (!isAllowedHost(request.headers.host, allowedOrigins)) return callback("This server does not answer to that host name (KDEPLOY_PUBLIC_URL)", false);
    // Browsers always send Origin on a WebSocket handshake; a same-origin polling GET may omit it.
    if (site === "cross-site" || site === "same-site" || (origin !== undefined && !isAllowedOrigin(origin, allowedOrigins))) {
      return callback("Live updates are available only to kdeploy's own pages", false);
    }
    callback(null, true);
  };
}

/** The handshake's headers, with auth.token (clients outside a browser) as a bearer token. */
export function handshakeCredentials(handshake: Socket["handshake"]): Headers {
  const headers = headersOf({ headers: handshake.headers as Record<string, unknown> });
  const token = (handshake.auth as { token?: unknown } | undefined)?.token;
  if (typeof token === "string" && token && !headers.has("authorization")) headers.set("authorization", `Bearer ${token}`);
  return headers;
}

/** Namespace middleware: only signed-in users who may read deployments connect. */
export function requireSignedIn<S extends Socket & { data: { principal?: Principal } }>(log: Logger) {
  return (socket: S, next: (error?: Error) => void) => {
    authorize({ headers: handshakeCredentials(socket.handshake) }, "deployment:read").then(
      (principal) => {
        socket.data.principal = principal;
        next();
      },
      (error: unknown) => {
        if (error instanceof UnauthorizedError || error instanceof ForbiddenError) return next(new Error(error.message));
        log.error({ err: error }, "live connection: sign-in check failed");
        next(new Error("Could not check your sign-in; try again"));
      },
    );
  };
}
