// The people of the local identity provider: a login name (what the provider's login page asks
// for), the claims it returns, and the groups kdeploy maps to roles.
export type IdentityAccount = { login: string; name: string; email: string; groups: string[] };

export const OIDC_ACCOUNTS = {
  olivia: { login: "olivia", name: "Olivia Okafor", email: "olivia@idp.e2e.kdeploy.dev", groups: ["kdeploy-auditors", "everyone"] },
  rick: { login: "rick", name: "Rick Ramos", email: "rick@idp.e2e.kdeploy.dev", groups: ["kdeploy-release-managers", "everyone"] },
} as const satisfies Record<string, IdentityAccount>;

export function findIdentityAccount(login: string): IdentityAccount | undefined {
  return Object.values(OIDC_ACCOUNTS).find((account) => account.login === login);
}
