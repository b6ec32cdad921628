// The one HTTP client to Kubernetes API servers: apply, discovery, CRD readiness, LIST and
// WATCH, events, logs and the connection test all go through it, with the KubeConfig's TLS and
// auth settings and the limits of http-timeouts.ts. Plain HTTP rather than client-node's typed
// APIs: we need the exact JSON the server returned and the status code (201 = created), and
// client-node 1.x has no client-side timeout (a watch can stall silently).
import { Agent as HttpsAgent, request as httpsRequest, type RequestOptions } from "node:https";
import { request as httpRequest, type IncomingMessage } from "node:http";
import type { KubeConfig } from "@kubernetes/client-node";
import { DEFAULT_KUBE_HTTP_TIMEOUTS, guardRequest, type KubeHttpTimeouts, type RequestGuard, type RequestMode } from "./http-timeouts.ts";

export { DEFAULT_KUBE_HTTP_TIMEOUTS, KubeTimeoutError, type KubeHttpTimeouts } from "./http-timeouts.ts";

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

export type Query = Record<string, string | number | boolean | undefined>;
export type ClientOptions = {
  timeouts?: Partial<KubeHttpTimeouts>;
  /** JSON requests share keep-alive connections (apply: two requests per object). Off for everything else. */
  keepAlive?: boolean;
};

type Method = "GET" | "POST" | "PATCH" | "DELETE";
type Outgoing = { method: Method; path: string; query?: Query; body?: string; contentType?: string; signal?: AbortSignal };

async function send(kubeConfig: KubeConfig, outgoing: Outgoing, mode: RequestMode, options: ClientOptions) {
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) throw new Error("The kubeconfig has no current cluster");
  const url = new URL(cluster.server.replace(/\/$/, "") + outgoing.path);
  for (const [key, value] of Object.entries(outgoing.query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
  const timeouts = { ...DEFAULT_KUBE_HTTP_TIMEOUTS, ...options.timeouts };
  // Asked per request: exec-plugin credentials may refresh their token between requests. The
  // result is plain headers, basic auth and a TLS agent with the cluster CA and client certificate.
  // A body's length is always declared: for DELETE (and GET) Node sends neither a length nor
  // chunked encoding by default, so the server read no body and took its bytes for the start of
  // the next request on a kept-alive connection ("400 Bad Request" to an unrelated apply).
  const requestOptions: RequestOptions = {
    method: outgoing.method,
    headers: {
      accept: "application/json",
      ...(outgoing.contentType ? { "content-type": outgoing.contentType } : {}),
      ...(outgoing.body !== undefined ? { "content-length": Buffer.byteLength(outgoing.body) } : {}),
    },
  };
  await kubeConfig.applyToHTTPSOptions(requestOptions);
  if (mode === "json" && options.keepAlive) requestOptions.agent = pooledAgent(requestOptions.agent);
  const transport = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise<{ response: IncomingMessage; guard: RequestGuard }>((resolve, reject) => {
    const request = transport(url, { ...requestOptions, signal: outgoing.signal }, (response) => resolve({ response, guard }));
    const guard = guardRequest(request, url.origin, timeouts, mode);
    request.on("error", reject);
    request.end(outgoing.body);
  });
}

// client-node gives every call a new https.Agent without keep-alive: a TCP connection and a TLS
// handshake (client certificate included) per request, on both sides. Apply sends two requests
// per object (issue 12: 1,000 objects took 2,000 handshakes), so its JSON requests share one
// keep-alive agent per TLS identity (`keepAlive: true`); idle sockets close after IDLE_SOCKET_MS
// and never hold the process open. Everything else (watches, and the LIST that follows a stalled
// watch) keeps a fresh connection per request: a pooled connection may be the one that went silent.
const IDLE_SOCKET_MS = 10_000;
const MAX_POOLED_AGENTS = 64;
const pooledAgents = new Map<string, HttpsAgent>();

function pooledAgent(agent: RequestOptions["agent"]): RequestOptions["agent"] {
  // Proxy agents (a kubeconfig's proxy-url) are left as client-node made them.
  if (!(agent instanceof HttpsAgent) || agent.constructor !== HttpsAgent) return agent;
  const { ca, cert, key, pfx, passphrase, servername, rejectUnauthorized } = agent.options;
  const text = (value: unknown): unknown => (Buffer.isBuffer(value) ? value.toString("base64") : Array.isArray(value) ? value.map(text) : value);
  const identity = JSON.stringify([ca, cert, key, pfx, passphrase, servername, rejectUnauthorized].map(text));
  let pooled = pooledAgents.get(identity);
  if (!pooled) {
    pooled = new HttpsAgent({ ...agent.options, keepAlive: true, timeout: IDLE_SOCKET_MS });
    pooledAgents.set(identity, pooled);
    // Credentials that rotated leave an agent unused: its idle sockets close by themselves.
    if (pooledAgents.size > MAX_POOLED_AGENTS) pooledAgents.delete(pooledAgents.keys().next().value!);
  }
  return pooled;
}

/** A response whose body is read by the caller as it arrives (WATCH, logs): connect limit and keepalive only. */
export async function openStream(
  kubeConfig: KubeConfig,
  path: string,
  query: Query,
  signal: AbortSignal,
  options: ClientOptions = {},
): Promise<IncomingMessage> {
  return (await send(kubeConfig, { method: "GET", path, query, signal }, "stream", options)).response;
}

/** One request with every limit; resolves with the status and the whole body as text. */
export async function requestText(kubeConfig: KubeConfig, outgoing: Outgoing, options: ClientOptions = {}): Promise<{ status: number; text: string }> {
  const { response, guard } = await send(kubeConfig, outgoing, "json", options);
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of response) chunks.push(chunk as Buffer);
  } catch (error) {
    // A limit destroys the request mid-body; the body then fails with a bare "aborted".
    throw guard.timedOut() ?? error;
  }
  guard.done();
  return { status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") };
}

/** GET (LIST, discovery, events) as JSON; a status of 400 or more is a KubeHttpError. */
export async function getJson<T>(kubeConfig: KubeConfig, path: string, query: Query, signal?: AbortSignal, options: ClientOptions = {}): Promise<T> {
  const { status, text } = await requestText(kubeConfig, { method: "GET", path, query, signal }, options);
  if (status >= 400) throw statusError(status, text);
  return JSON.parse(text) as T;
}

export type KubeResponse = { status: number; body: unknown };
export type KubeHttp = (request: { method: Method; path: string; body?: string; contentType?: string }) => Promise<KubeResponse>;

/** JSON requests that hand every status back to the caller (apply reads 201, 404, 409 itself). */
export function createKubeHttp(kubeConfig: KubeConfig, options: ClientOptions = {}): KubeHttp {
  if (!kubeConfig.getCurrentCluster()) throw new Error("The kubeconfig has no current cluster");
  return async (request) => {
    const { status, text } = await requestText(kubeConfig, request, options);
    return { status, body: parseJson(text) };
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function statusError(statusCode: number, body: string): KubeHttpError {
  try {
    const status = JSON.parse(body) as { message?: string; reason?: string };
    return new KubeHttpError(statusCode, status.message ?? `HTTP ${statusCode}`, status.reason);
  } catch {
    return new KubeHttpError(statusCode, body.slice(0, 300) || `HTTP ${statusCode}`);
  }
}

/** The message of a Kubernetes Status body, or the raw text. */
export function statusMessage(body: unknown): string {
  if (typeof body === "string") return body.trim() || "(empty response)";
  const status = body as { message?: unknown } | null;
  return typeof status?.message === "string" ? status.message : JSON.stringify(body);
}
