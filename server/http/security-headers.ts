// Headers on every response of the server (pages, API, static files, Socket.IO polling), set by
// server/index.ts before Next handles a request. Each page gets a fresh nonce: Next reads it from
// the Content-Security-Policy *request* header and puts it on every script it renders (the same
// mechanism its proxy.ts example uses), so only scripts the server rendered for this response run.
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

/** Headers that do not depend on the request. */
export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  // A response is what its Content-Type says (no script from a JSON or text body).
  "X-Content-Type-Options": "nosniff",
  // Our URLs (deployment and step ids) never leave the site. Not "no-referrer": with it, browsers
  // send `Origin: null` on our own POSTs, and the request guard would refuse them.
  "Referrer-Policy": "same-origin",
  // No framing (clickjacking); frame-ancestors says the same to browsers that read CSP.
  "X-Frame-Options": "DENY",
  // A page we open, or that opens us, gets no handle on our window.
  "Cross-Origin-Opener-Policy": "same-origin",
  // Other sites cannot embed our responses (API JSON as <script>/<img>, side channels).
  "Cross-Origin-Resource-Policy": "same-origin",
};

export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

/**
 * script-src: only scripts carrying this response's nonce, and what they load ('strict-dynamic';
 * 'self' is the fallback for browsers without it). Development adds 'unsafe-eval', which React's
 * development build needs for its call stacks.
 * style-src 'unsafe-inline': components set style attributes (indentation by depth, editor
 * height), and an attribute cannot carry a nonce; styles cannot run script, and img-src/font-src
 * 'self' keep CSS from sending data elsewhere.
 */
export function contentSecurityPolicy(nonce: string, options: { dev: boolean }): string {
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(options.dev ? ["'unsafe-eval'"] : [])],
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:"],
    ["font-src", "'self'"],
    // Same-origin fetches and Socket.IO (its ws:// on our own host counts as 'self').
    ["connect-src", "'self'"],
    ["frame-ancestors", "'none'"],
    ["base-uri", "'none'"],
    ["form-action", "'self'"],
    ["object-src", "'none'"],
  ];
  return directives.map((directive) => directive.join(" ")).join("; ");
}

/** Sets every security header on the response and hands this request's policy to Next. */
export function applySecurityHeaders(request: IncomingMessage, response: ServerResponse, options: { dev: boolean }): void {
  const policy = contentSecurityPolicy(newNonce(), options);
  // Replaces anything the client sent under these names: the nonce is ours to choose.
  request.headers["content-security-policy"] = policy;
  delete request.headers["content-security-policy-report-only"];
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) response.setHeader(name, value);
  response.setHeader("Content-Security-Policy", policy);
}
