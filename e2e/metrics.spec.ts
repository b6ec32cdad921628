// The production server's /metrics and health endpoints as Prometheus and the kubelet reach them
// in Kubernetes (deploy/helm/kdeploy): by the pod's IP address, which is not one of the server's
// own host names. /metrics answers before the Host check, with the bearer token only; /api/health
// answers to the Host header the chart's probes send (localhost:PORT). Log lines name the instance.
import { mkdtempSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { appPort } from "./run-settings.ts";
import { startServer, type ServerProcess } from "./fresh-server.ts";

/** Far from the run's other servers (run-settings.ts uses +10000 … +30000). */
const port = appPort + 40_000;
const TOKEN = "e2e-metrics-token-0123456789abcdef0123456789";
const POD_ADDRESS = `10.42.0.17:${port}`;

let server: ServerProcess;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "kdeploy-e2e-metrics-"));
  server = await startServer({ port, dataDir, settings: { KDEPLOY_METRICS_TOKEN: TOKEN, KDEPLOY_INSTANCE_ID: "kdeploy-e2e-7", LOG_LEVEL: "info" } });
});
test.afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A GET with a chosen Host header (fetch does not let a caller set it). */
function get(path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: "127.0.0.1", port, path, headers }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    outgoing.on("error", reject);
    outgoing.end();
  });
}

test("Prometheus scrapes /metrics by the pod's address with the bearer token; without it, 401", async () => {
  const scraped = await get("/metrics", { host: POD_ADDRESS, authorization: `Bearer ${TOKEN}` });
  expect(scraped.status).toBe(200);
  expect(scraped.body).toMatch(/^kdeploy_instance_info\{instance_id="kdeploy-e2e-7",version="[^"]+"\} 1$/m);
  expect(scraped.body).toMatch(/^kdeploy_running_steps\{phase="tracking"\} 0$/m);
  expect(scraped.body).toMatch(/^kdeploy_database_up 1$/m);
  expect(scraped.body).toMatch(/^process_resident_memory_bytes \d+/m);
  expect((await get("/metrics", { host: POD_ADDRESS })).status).toBe(401);
  expect((await get("/metrics", { host: `127.0.0.1:${port}`, authorization: "Bearer not-the-token-not-the-token-not-the" })).status).toBe(401);
});

test("the kubelet's probe reaches /api/health with the chart's Host header; any other page stays behind the Host check", async () => {
  expect((await get("/api/health", { host: `localhost:${port}` })).status).toBe(200);
  expect((await get("/api/health", { host: POD_ADDRESS })).status).toBe(421);
  expect((await get("/sign-in", { host: POD_ADDRESS })).status).toBe(421);
});

test("every log line names the instance", () => {
  const lines = server
    .output()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { instance?: string; msg?: string });
  expect(lines.length).toBeGreaterThan(0);
  expect(lines.filter((line) => line.instance !== "kdeploy-e2e-7")).toEqual([]);
  expect(lines.map((line) => line.msg)).toContain("kdeploy is listening");
});
