// A real OpenID Connect provider (the `oidc-provider` package) on 127.0.0.1 for the browser tests:
// one confidential client (kdeploy, client_secret_post, PKCE), the accounts of ./accounts.ts with
// a `groups` claim, and the package's own login and consent pages (devInteractions: any password
// is accepted, the login name picks the account). Started and stopped by e2e/serve.ts.
import { createServer, type Server } from "node:http";
import { randomBytes } from "node:crypto";
import Provider from "oidc-provider";
import { findIdentityAccount } from "./accounts.ts";

export type LocalOidcProvider = { issuer: string; close(): Promise<void> };

export type LocalOidcOptions = { port: number; clientId: string; clientSecret: string; redirectUri: string };

export async function startOidcProvider(options: LocalOidcOptions): Promise<LocalOidcProvider> {
  const issuer = `http://127.0.0.1:${options.port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_post",
      },
    ],
    findAccount: (_context, sub) => {
      const account = findIdentityAccount(sub);
      if (!account) return undefined;
      return {
        accountId: account.login,
        claims: () => ({ sub: account.login, name: account.name, email: account.email, email_verified: true, groups: [...account.groups] }),
      };
    },
    // Scope → claims: kdeploy asks for "openid email profile groups".
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
  });
  // The test output should show why a sign-in failed at the provider, not only that it did.
  provider.on("server_error", (_context, error) => console.error("[oidc] server error:", error));
  provider.on("grant.error", (_context, error) => console.error("[oidc] grant error:", error));

  const server: Server = createServer(provider.callback());
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => resolve());
  });
  return {
    issuer,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
