// `sandbox/cli.ts start --register`: registers the running sandbox as the app's
// "sandbox" environment (POST /api/environments), signed in the way any client is: an API token
// (KDEPLOY_API_TOKEN, created under Account in the browser) or an administrator's email and
// password (KDEPLOY_ADMIN_EMAIL / KDEPLOY_ADMIN_PASSWORD, as for the server's first start).
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
    const credentials = await signIn(appUrl);
    if (!credentials) return 1;
    response = await fetch(`${appUrl}/api/environments`, {
      method: "POST",
      headers: { "content-type": "application/json", ...credentials },
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
  if (response.status === 401 || response.status === 403) {
    console.error(`[sandbox] the app refused the registration (HTTP ${response.status}): registering an environment needs an administrator's token or account`);
    return 1;
  }
  if (!response.ok) {
    console.error(`[sandbox] registering failed: HTTP ${response.status} ${await response.text()}`);
    return 1;
  }
  console.log(`[sandbox] registered as environment "sandbox" at ${appUrl}`);
  return 0;
}

/** Request headers that authenticate as the configured user, or undefined after printing why not. */
async function signIn(appUrl: string): Promise<Record<string, string> | undefined> {
  const token = process.env.KDEPLOY_API_TOKEN;
  if (token) return { authorization: `Bearer ${token}` };
  const email = process.env.KDEPLOY_ADMIN_EMAIL;
  const password = process.env.KDEPLOY_ADMIN_PASSWORD;
  if (!email || !password) {
    console.error(
      "[sandbox] registering needs an administrator: set KDEPLOY_API_TOKEN (create one under Account in the browser),\n" +
        "          or KDEPLOY_ADMIN_EMAIL and KDEPLOY_ADMIN_PASSWORD, then run npm run sandbox -- --register again",
    );
    return undefined;
  }
  const response = await fetch(`${appUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: new URL(appUrl).origin },
    body: JSON.stringify({ email, password }),
    signal: AbortSignal.timeout(15_000),
  });
  if (!response.ok) {
    console.error(`[sandbox] signing in as ${email} failed (HTTP ${response.status})`);
    return undefined;
  }
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  return { cookie, origin: new URL(appUrl).origin };
}
