// Plain JSON requests to the API server. The typed client-node APIs deserialize responses into
// model classes (dates become Date objects, unknown fields of known kinds can be lost); apply
// needs the exact JSON the server returned, and the HTTP status (201 = created), so it talks
// HTTP itself, with the connection settings and credentials of the KubeConfig.
import http from "node:http";
import https from "node:https";
import type { KubeConfig } from "@kubernetes/client-node";

export type KubeResponse = { status: number; body: unknown };
export type KubeHttp = (request: { method: "GET" | "PATCH" | "DELETE"; path: string; body?: string; contentType?: string }) => Promise<KubeResponse>;

const REQUEST_TIMEOUT_MS = 30_000;

export function createKubeHttp(kubeConfig: KubeConfig): KubeHttp {
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) throw new Error("The kubeconfig has no current cluster");
  const server = new URL(cluster.server);
  return async ({ method, path, body, contentType }) => {
    // Asked per request: exec and OIDC credentials may refresh their token between requests.
    const options: https.RequestOptions = { method, headers: { Accept: "application/json", ...(contentType ? { "Content-Type": contentType } : {}) } };
    await kubeConfig.applyToHTTPSOptions(options);
    const url = new URL(server.pathname.replace(/\/$/, "") + path, server);
    const transport = url.protocol === "http:" ? http : https;
    return new Promise<KubeResponse>((resolve, reject) => {
      const request = transport.request(url, { ...options, timeout: REQUEST_TIMEOUT_MS }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({ status: response.statusCode ?? 0, body: parseJson(text) });
        });
        response.on("error", reject);
      });
      request.on("timeout", () => request.destroy(new Error(`No answer from ${server.origin} within ${REQUEST_TIMEOUT_MS / 1000} s`)));
      request.on("error", reject);
      request.end(body);
    });
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The message of a Kubernetes Status body, or the raw text. */
export function statusMessage(body: unknown): string {
  if (typeof body === "string") return body.trim() || "(empty response)";
  const status = body as { message?: unknown } | null;
  return typeof status?.message === "string" ? status.message : JSON.stringify(body);
}
