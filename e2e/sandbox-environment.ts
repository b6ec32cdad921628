// The sandbox cluster (`npm run sandbox`) registered as an environment through the API, as a
// person would with its client certificate: what every spec that deploys does first.
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { expect, type APIRequestContext } from "@playwright/test";

/** Written by the sandbox when it runs; specs that deploy skip without it. */
export const sandboxStateFile = join(process.env.KDEPLOY_SANDBOX_HOME ?? join(homedir(), ".local/state/kdeploy-sandbox"), "sandbox.json");

type SandboxState = { serverUrl: string; caCertificate: string; clientCertificate: string; clientKey: string };

/** Creates an environment named `name` for the sandbox cluster; returns its id. */
export async function registerSandbox(request: APIRequestContext, name: string): Promise<string> {
  const state = JSON.parse(readFileSync(sandboxStateFile, "utf8")) as SandboxState;
  const created = await request.post("/api/environments", {
    data: {
      name,
      target: {
        authKind: "clientCertificate",
        serverUrl: state.serverUrl,
        caCertificate: readFileSync(state.caCertificate, "utf8"),
        clientCertificate: readFileSync(state.clientCertificate, "utf8"),
        clientKey: readFileSync(state.clientKey, "utf8"),
        defaultNamespace: "default",
      },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  return ((await created.json()) as { id: string }).id;
}
