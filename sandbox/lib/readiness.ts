// Readiness probes used while starting the sandbox.
import { request as httpsRequest } from "node:https";
import { request as httpRequest } from "node:http";
import { readFileSync } from "node:fs";
import type { ClientIdentity } from "./certs";

export interface TlsClient {
  ca: string;
  identity: ClientIdentity;
}

/** GET a URL; resolves with status and body, or rejects on connection errors. */
export function httpGet(url: string, tls?: TlsClient, timeoutMs = 5_000): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const options = tls
      ? {
          ca: readFileSync(tls.ca),
          cert: readFileSync(tls.identity.cert),
          key: readFileSync(tls.identity.key),
          timeout: timeoutMs,
        }
      : { timeout: timeoutMs };
    const request = (url.startsWith("https:") ? httpsRequest : httpRequest)(url, options, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on("timeout", () => request.destroy(new Error(`timeout after ${timeoutMs} ms`)));
    request.on("error", reject);
    request.end();
  });
}

export async function isHealthy(url: string, tls?: TlsClient): Promise<boolean> {
  try {
    return (await httpGet(url, tls)).status === 200;
  } catch {
    return false;
  }
}

/**
 * Polls `check` every 250 ms until it succeeds or `timeoutMs` passes. `stillAlive` lets a
 * crashed process fail fast instead of waiting out the whole timeout.
 */
export async function waitFor(what: string, check: () => Promise<boolean>, options: { timeoutMs: number; stillAlive?: () => boolean }): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < options.timeoutMs) {
    if (await check()) {
      console.log(`[sandbox] ${what} ready after ${((Date.now() - started) / 1000).toFixed(1)}s`);
      return;
    }
    if (options.stillAlive && !options.stillAlive()) throw new Error(`${what} exited during start-up`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what} not ready after ${options.timeoutMs / 1000}s`);
}

/** For components whose serving certificate is self-signed (controller-manager, scheduler). */
export function isHealthyInsecure(url: string, timeoutMs = 5_000): Promise<boolean> {
  return new Promise((resolve) => {
    const request = httpsRequest(url, { rejectUnauthorized: false, timeout: timeoutMs }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on("error", () => resolve(false));
    request.on("timeout", () => request.destroy());
    request.end();
  });
}
