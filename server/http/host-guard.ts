// The Host check every HTTP request passes before Next or Socket.IO sees it. A page on another
// site can point its own DNS name at 127.0.0.1 (DNS rebinding) and then talk to us as if it were
// same-origin; the Host header it sends is its own name, so refusing unknown hosts ends that.
import type { IncomingMessage, ServerResponse } from "node:http";
import { isAllowedHost } from "./origins.ts";

export const MISDIRECTED_MESSAGE =
  "This kdeploy server does not answer to that host name. If this is the address you use for kdeploy, set KDEPLOY_PUBLIC_URL to it (for example KDEPLOY_PUBLIC_URL=https://kdeploy.example.com) and restart the server.\n";

/** True when the request may go on; otherwise it has been answered with 421 Misdirected Request. */
export function admitHost(request: IncomingMessage, response: ServerResponse, allowedOrigins: readonly string[]): boolean {
  if (isAllowedHost(request.headers.host, allowedOrigins)) return true;
  response.writeHead(421, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" }).end(MISDIRECTED_MESSAGE);
  return false;
}
