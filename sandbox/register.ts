// `sandbox/cli.ts start --register`: registers the running sandbox as the app's
// "sandbox" environment (POST /api/environments).
import { readFileSync } from "node:fs";
import type { SandboxState } from "./lib/state";

export async function registerSandbox(state: SandboxState): Promise<number> {
  const appUrl = process.env.KDEPLOY_URL || "http://127.0.0.1:3000";
  const body = {
    name: "sandbox",
    description: "Local sandbox cluster",
    target: {
      authKind: "clientCertificate",
      serverUrl: state.serverUrl,
      caCertificate: readFileSync(state.caCertificate, "utf8"),
      clientCertificate: readFileSync(state.clientCertificate, "utf8"),
      clientKey: readFileSync(state.clientKey, "utf8"),
      defaultNamespace: "default",
      insecureSkipTlsVerify: false,
    },
  };
  let response: Response;
  try {
    response = await fetch(`${appUrl}/api/environments`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    console.error(
      `[sandbox] the app is not reachable at ${appUrl} (${(error as Error).message}).\n` +
        "Start the app with npm start, then run npm run sandbox -- --register",
    );
    return 1;
  }
  if (response.status === 409) {
    console.log(`[sandbox] an environment named "sandbox" is already registered at ${appUrl}`);
    return 0;
  }
  if (!response.ok) {
    console.error(`[sandbox] registering failed: HTTP ${response.status} ${await response.text()}`);
    return 1;
  }
  console.log(`[sandbox] registered as environment "sandbox" at ${appUrl}`);
  return 0;
}
