// Reads the API server's /metrics with the sandbox's admin certificate (system:masters may read
// it) and sums the counters scenario 2 needs. The metrics carry no user agent or namespace, so
// tools are measured one at a time and only namespaced requests for the tracked kinds are summed
// (controllers watch cluster-wide; other people's tests on the shared sandbox are noise we note).
import { readFileSync } from "node:fs";
import { request } from "node:https";
import type { SandboxState } from "../../sandbox/lib/state.ts";

const TRACKED_RESOURCES = new Set(["deployments", "replicasets", "pods"]);
const READ_VERBS = new Set(["GET", "LIST", "WATCH"]);
const TOOL_SCOPES = new Set(["namespace", "resource"]);

export type MetricSample = { name: string; labels: Record<string, string>; value: number };

export async function scrapeMetrics(state: SandboxState): Promise<MetricSample[]> {
  const url = new URL("/metrics", state.serverUrl);
  const text = await new Promise<string>((resolve, reject) => {
    const req = request(
      url,
      { ca: readFileSync(state.caCertificate), cert: readFileSync(state.clientCertificate), key: readFileSync(state.clientKey), timeout: 15_000 },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          response.statusCode === 200 ? resolve(Buffer.concat(chunks).toString("utf8")) : reject(new Error(`/metrics: HTTP ${response.statusCode}`)),
        );
        response.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error("/metrics: timeout")));
    req.on("error", reject);
    req.end();
  });
  return parsePrometheus(text, /^apiserver_(request_total|longrunning_requests)\{/);
}

export function parsePrometheus(text: string, keep: RegExp): MetricSample[] {
  const samples: MetricSample[] = [];
  for (const line of text.split("\n")) {
    if (!keep.test(line)) continue;
    const match = /^([a-zA-Z_:][\w:]*)\{(.*)\}\s+(\S+)/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const pair of match[2]!.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[pair[1]!] = pair[2]!;
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

const isToolRequest = (labels: Record<string, string>) =>
  TRACKED_RESOURCES.has(labels.resource ?? "") && READ_VERBS.has(labels.verb ?? "") && TOOL_SCOPES.has(labels.scope ?? "");

/** Namespaced GET/LIST/WATCH requests for deployments, replicasets and pods (a counter). */
export const toolRequestCount = (samples: MetricSample[]) =>
  samples.filter((s) => s.name === "apiserver_request_total" && isToolRequest(s.labels)).reduce((sum, s) => sum + s.value, 0);

/** Namespaced watches open right now on those kinds (a gauge). */
export const toolWatchesOpen = (samples: MetricSample[]) =>
  samples
    .filter((s) => s.name === "apiserver_longrunning_requests" && s.labels.verb === "WATCH" && isToolRequest(s.labels))
    .reduce((sum, s) => sum + s.value, 0);
