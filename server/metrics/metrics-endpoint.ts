// GET /metrics on the app's port, answered by the custom server before Next (server/index.ts).
// Not public: Prometheus sends `Authorization: Bearer <KDEPLOY_METRICS_TOKEN>`; without a
// configured token the endpoint is off (404). Why a token of its own and not a user's API token:
// a scraper needs no user, no role and no database lookup per scrape, and a leaked scrape token
// reveals counters, never deployments or credentials (docs/decisions.md, "Metrics").
// It is answered before the Host check: Prometheus scrapes a pod by its IP address, which is not
// one of the app's origins, and a bearer token a browser never holds is not exposed to DNS
// rebinding the way a cookie is.
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Registry } from "prom-client";

export const METRICS_PATH = "/metrics";
export const METRICS_OFF_MESSAGE = "Metrics are off on this server: set KDEPLOY_METRICS_TOKEN and scrape /metrics with it as a bearer token.\n";

const digest = (text: string) => createHash("sha256").update(text).digest();

/** Constant-time comparison of the request's bearer token with the configured one. */
export function isMetricsToken(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  return match !== null && timingSafeEqual(digest(match[1]!), digest(token));
}

/**
 * Answers the request when it is for /metrics and returns true; any other path returns false
 * untouched. `token` undefined: metrics are off.
 */
export function serveMetrics(
  request: IncomingMessage,
  response: ServerResponse,
  options: { registry: Registry; token: string | undefined; onError?: (error: unknown) => void },
): boolean {
  const path = (request.url ?? "/").split("?")[0];
  if (path !== METRICS_PATH) return false;
  const text = (status: number, body: string, headers: Record<string, string> = {}) =>
    response.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...headers }).end(body);
  if (!options.token) return (text(404, METRICS_OFF_MESSAGE), true);
  if (request.method !== "GET" && request.method !== "HEAD") return (text(405, "Only GET\n", { Allow: "GET, HEAD" }), true);
  if (!isMetricsToken(request.headers.authorization, options.token))
    return (text(401, "A bearer token (KDEPLOY_METRICS_TOKEN) is required\n", { "WWW-Authenticate": 'Bearer realm="kdeploy metrics"' }), true);
  options.registry.metrics().then(
    (body) =>
      response.writeHead(200, { "Content-Type": options.registry.contentType, "Cache-Control": "no-store" }).end(request.method === "HEAD" ? undefined : body),
    (error: unknown) => {
      options.onError?.(error);
      if (!response.headersSent) text(500, "Collecting the metrics failed; the server log has the details\n");
    },
  );
  return true;
}
