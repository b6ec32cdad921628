// The checks every state-changing API request passes before its handler runs (called by route()):
//   - it comes from the app's own pages: a browser names the page's site in Sec-Fetch-Site and
//     Origin, which a foreign page cannot forge. A request with neither header is a client outside
//     a browser (curl, a pipeline) and passes, unless a session cookie authenticated it: browsers
//     always send Origin on POST/PUT/PATCH/DELETE, so a cookie without it is not one of our pages.
//   - its body is JSON: the content types a foreign page can send without a CORS preflight
//     (text/plain, form encodings) are refused, so a missed origin check still cannot be reached
//     by a plain HTML form.
// better-auth's own endpoints (/api/auth/*) check origins themselves (trustedOrigins).
import type { ApiErrorBody } from "../contracts/api-errors.ts";
import type { Principal } from "../auth/permissions.ts";
import { loadConfig } from "../config.ts";
import { isAllowedOrigin } from "./origins.ts";

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export type GuardOptions = {
  /** How authorize() identified the caller; "none" for a route that needs no sign-in. */
  authenticatedBy: Principal["via"] | "none";
  /** Defaults to the server's configuration (KDEPLOY_PUBLIC_URL / the loopback origins). */
  allowedOrigins?: readonly string[];
};

export type Refusal = { status: 403 | 415; body: ApiErrorBody };

/** Why this request must not reach its handler, or undefined when it may. */
export function unsafeRequestRefusal(request: Request, options: GuardOptions): Refusal | undefined {
  if (!STATE_CHANGING.has(request.method.toUpperCase())) return undefined;
  const allowedOrigins = options.allowedOrigins ?? loadConfig().allowedOrigins;
  const site = request.headers.get("sec-fetch-site")?.toLowerCase();
  const origin = request.headers.get("origin");
  if (site === "cross-site" || site === "same-site") return crossSite();
  if (origin !== null && !isAllowedOrigin(origin, allowedOrigins)) return crossSite();
  if (origin === null && site === undefined && options.authenticatedBy === "session") return crossSite();
  if (!isJsonOrEmpty(request.headers)) {
    return { status: 415, body: { error: "unsupported_media_type", message: "Send the request body as JSON (Content-Type: application/json)" } };
  }
  return undefined;
}

/** The refusal as the API's JSON error response, or undefined when the request may go on. */
export function refuseUnsafeRequest(request: Request, options: GuardOptions): Response | undefined {
  const refusal = unsafeRequestRefusal(request, options);
  return refusal && Response.json(refusal.body, { status: refusal.status });
}

function crossSite(): Refusal {
  return {
    status: 403,
    body: {
      error: "forbidden",
      message: "Changes are accepted only from kdeploy's own pages. If this is the address you use for kdeploy, set KDEPLOY_PUBLIC_URL to it.",
    },
  };
}

/** application/json (any parameters), or no content type on a request without a body (DELETE). */
function isJsonOrEmpty(headers: Headers): boolean {
  const contentType = headers.get("content-type");
  if (contentType === null) return !hasBody(headers);
  return contentType.split(";")[0]!.trim().toLowerCase() === "application/json";
}

function hasBody(headers: Headers): boolean {
  const length = headers.get("content-length");
  return headers.has("transfer-encoding") || (length !== null && length.trim() !== "0");
}
