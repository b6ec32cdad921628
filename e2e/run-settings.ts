// What the browser-test run and its server agree on: ports, the administrator the server creates
// at start (KDEPLOY_ADMIN_EMAIL / KDEPLOY_ADMIN_PASSWORD), the single sign-on client. Imported by
// playwright.config.ts, e2e/serve.ts and the specs, so each process computes the same values.
// The password is a fixed test value: the server and its database exist only on 127.0.0.1 for
// the length of one run.

/**
 * kdeploy itself; the local identity provider and the servers the first-run and restart specs
 * start themselves are derived from it far apart (+10000, +20000, +30000), so runs on
 * neighbouring E2E_PORTs (3320, 3321, …) never collide.
 */
export const appPort = Number(process.env.E2E_PORT ?? 3310);
export const oidcPort = appPort + 10_000;
export const firstRunPort = appPort + 20_000;
// One port per database pass: the SQLite pass's restarted server must never be in the way of the
// PostgreSQL pass's first one (a CI run failed with EADDRINUSE on the shared port).
export const restartPort = appPort + (process.env.E2E_DATABASE === "postgresql" ? 35_000 : 30_000);
/**
 * The multi-instance spec's own redis-server and its two servers (instances "a" and "b"; it runs in
 * the PostgreSQL pass only): +24000, +25000, +26000, clear of the ports above and below Linux's
 * ephemeral ports (32768–60999), where an outgoing connection's local port can take a server's
 * port away (a run failed with EADDRINUSE at +41000 while the machine was busy).
 */
export const multiInstancePorts = { redis: appPort + 24_000, a: appPort + 25_000, b: appPort + 26_000 } as const;

export const appUrl = `http://127.0.0.1:${appPort}`;

export const database = process.env.E2E_DATABASE === "postgresql" ? "postgresql" : "sqlite";

export const ADMIN = { name: "Administrator", email: "admin@e2e.kdeploy.dev", password: "e2e-administrator-password" } as const;

/**
 * The signed-in administrator's cookies, written by e2e/auth.setup.ts (git-ignored); one file per
 * port, so runs on different E2E_PORTs at the same time never sign each other out.
 */
export const ADMIN_STORAGE_STATE = `e2e/.auth/admin-${appPort}.json`;

/** The one client registered at the local identity provider (e2e/oidc/provider.ts). */
export const OIDC_CLIENT = { id: "kdeploy-e2e", secret: "kdeploy-e2e-client-secret", name: "E2E Identity" } as const;
