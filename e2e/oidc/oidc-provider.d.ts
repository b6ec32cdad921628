// The few parts of oidc-provider (v9, which ships no types) that e2e/oidc/provider.ts uses.
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  export type ClaimsValue = Record<string, unknown> & { sub: string };
  export type Account = { accountId: string; claims(use: string, scope: string): Promise<ClaimsValue> | ClaimsValue };

  export type Configuration = {
    clients?: Record<string, unknown>[];
    findAccount?: (context: unknown, sub: string) => Promise<Account | undefined> | Account | undefined;
    claims?: Record<string, string[]>;
    scopes?: string[];
    features?: Record<string, { enabled: boolean } & Record<string, unknown>>;
    pkce?: { required?: () => boolean };
    cookies?: { keys?: string[] };
    ttl?: Record<string, number>;
    [option: string]: unknown;
  };

  export default class Provider {
    constructor(issuer: string, configuration?: Configuration);
    callback(): (request: IncomingMessage, response: ServerResponse) => void;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }
}
