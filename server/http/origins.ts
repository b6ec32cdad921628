// Which Origin and Host values belong to this app: the origins in config.allowedOrigins
// (KDEPLOY_PUBLIC_URL, and on a loopback bind http://127.0.0.1:PORT and http://localhost:PORT).
// One place, so the request guard, the Host check and the Socket.IO handshake agree.

/** An Origin header value is ours when it is exactly one of the allowed origins (case aside). */
export function isAllowedOrigin(origin: string, allowedOrigins: readonly string[]): boolean {
  const normalized = normalizeOrigin(origin);
  return normalized !== undefined && allowedOrigins.some((allowed) => normalizeOrigin(allowed) === normalized);
}

/**
 * A Host header is ours when it is the host[:port] of one of the allowed origins. A missing Host
 * (HTTP/1.0) is refused too: a DNS-rebinding page could not be told apart from us otherwise.
 */
export function isAllowedHost(host: string | undefined, allowedOrigins: readonly string[]): boolean {
  if (!host) return false;
  const wanted = host.trim().toLowerCase();
  return allowedOrigins.some((allowed) => {
    try {
      const url = new URL(allowed);
      return url.host.toLowerCase() === wanted || (url.port === "" && `${url.hostname}:${url.protocol === "https:" ? 443 : 80}` === wanted);
    } catch {
      return false;
    }
  });
}

function normalizeOrigin(value: string): string | undefined {
  if (value === "null") return undefined; // opaque origins (sandboxed frames, file:) are never ours
  try {
    return new URL(value).origin.toLowerCase();
  } catch {
    return undefined;
  }
}
