// Minimal HTTP access to a Kubernetes API server with a KubeConfig's TLS and auth settings.
// Used for LIST and WATCH so the watch loop owns its timeouts, cancellation and request counts
// (client-node 1.x watches have no client-side timeout and can stall silently).
import { request as httpsRequest } from "node:https";
import { request as httpRequest, type IncomingMessage } from "node:http";
import type { KubeConfig } from "@kubernetes/client-node";

export class KubeHttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly reason?: string,
  ) {
    super(message);
  }
}

/** Counts every request sent, per verb, so tests and benchmarks can check the API cost. */
export type RequestCounter = { record(verb: "list" | "watch" | "get"): void };

export async function openStream(
  kubeConfig: KubeConfig,
  path: string,
  query: Record<string, string | number | boolean | undefined>,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) throw new Error("The kubeconfig has no current cluster");
  const url = new URL(cluster.server.replace(/\/$/, "") + path);
  for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value));
  // applyToHTTPSOptions gives plain headers (bearer tokens, exec-plugin tokens) and a TLS agent
  // with the cluster CA and client certificate. (applyToFetchOptions returns node-fetch's own
  // Headers class, whose entries are easy to lose when copied.)
  const options: { headers?: Record<string, string>; agent?: unknown } = {};
  await kubeConfig.applyToHTTPSOptions(options as never);
  const headers: Record<string, string> = { accept: "application/json", ...(options.headers ?? {}) };
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method: "GET", headers, agent: options.agent as never, signal }, (response) => resolve(response));
    req.on("error", reject);
    req.end();
  });
}

export async function getJson<T>(
  kubeConfig: KubeConfig,
  path: string,
  query: Record<string, string | number | boolean | undefined>,
  signal: AbortSignal,
): Promise<T> {
  const response = await openStream(kubeConfig, path, query, signal);
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if ((response.statusCode ?? 500) >= 400) throw statusError(response.statusCode ?? 500, text);
  return JSON.parse(text) as T;
}

export function statusError(statusCode: number, body: string): KubeHttpError {
  try {
    const status = JSON.parse(body) as { message?: string; reason?: string };
    return new KubeHttpError(statusCode, status.message ?? `HTTP ${statusCode}`, status.reason);
  } catch {
    return new KubeHttpError(statusCode, body.slice(0, 300) || `HTTP ${statusCode}`);
  }
}
