// CSRF, generated from the route list: every exported POST/PUT/PATCH/DELETE of every
// app/api/**/route.ts, and every state-changing endpoint of better-auth under /api/auth, gets
//   (a) a request from another site (Origin: http://attacker.example, Sec-Fetch-Site: cross-site)
//       carrying a valid administrator session cookie and a JSON body → 403, and
//   (b) a request from our own origin sent as text/plain (what a foreign HTML form or a
//       no-preflight fetch can send) → 415 (better-auth: 403 or 415),
// and the database is byte-for-byte the same afterwards. A new route is picked up by the walk.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { randomUUID } from "node:crypto";
import { createTestDatabase, testProviders, type TestDatabase } from "../../testing/test-database.ts";
import { installTestContext, TEST_ORIGIN } from "../../testing/test-context.ts";
import { CLIENT_ADDRESS_HEADER, type Auth } from "../../auth/auth-instance.ts";
import { createLocalUser } from "../../auth/users.ts";
import { appContext } from "../../context.ts";
import { loadConfig } from "../../config.ts";
import { Prisma } from "../../store/generated/sqlite/client.ts";
import type { Database } from "../../store/database.ts";

const STATE_CHANGING = ["POST", "PUT", "PATCH", "DELETE"] as const;
const API_ROOT = join(import.meta.dirname, "../../../app/api");
const OURS = TEST_ORIGIN;
const ATTACKER = "http://attacker.example";
// Each request from its own address, so better-auth's sign-in rate limit (per address) does not
// answer 429 before the checks this test is about.
let addresses = 0;
const clientAddress = () => `127.0.${Math.floor(++addresses / 250)}.${addresses % 250}`;

type RouteHandler = (request: Request, segment: { params: Promise<Record<string, string>> }) => Promise<Response>;
type RouteFile = { path: string; segments: string[]; module: Record<string, unknown> };

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(path);
    return entry.name === "route.ts" ? [path] : [];
  });
}

const routes: RouteFile[] = await Promise.all(
  routeFiles(API_ROOT)
    .sort()
    .map(async (file) => ({
      path: file,
      segments: ["api", ...relative(API_ROOT, file).split(sep).slice(0, -1)],
      module: (await import(pathToFileURL(file).href)) as Record<string, unknown>,
    })),
);
const isCatchAll = (route: RouteFile) => route.segments.some((segment) => segment.startsWith("[..."));

/** Every database row, for "nothing changed". Sessions too: a refused request must not touch one. */
async function fingerprint(db: Database): Promise<string> {
  const tables: Record<string, unknown> = {};
  for (const model of Object.values(Prisma.ModelName)) {
    const delegate = (db as unknown as Record<string, { findMany(args?: unknown): Promise<unknown[]> }>)[model.charAt(0).toLowerCase() + model.slice(1)]!;
    tables[model] = await delegate.findMany({ orderBy: { id: "asc" } }).catch(() => delegate.findMany());
  }
  return JSON.stringify(tables);
}

for (const provider of testProviders()) {
  describe(`CSRF on every state-changing route (${provider})`, () => {
    let database: TestDatabase;
    let auth: Auth;
    let cookie: string;
    const ids: Record<string, string> = {};

    before(async () => {
      assert.ok(loadConfig().allowedOrigins.includes(OURS), "the request guard and the test's auth instance trust the same origin");
      database = await createTestDatabase(provider);
      installTestContext(database);
      const db = database.db;
      auth = appContext().auth;
      const password = `csrf-${randomUUID()}`;
      const email = `admin-${randomUUID().slice(0, 8)}@example.test`;
      await createLocalUser(db, auth, { name: "Admin", email, password, roles: ["admin"], deployEnvironmentIds: null });
      const signIn = await auth.handler(
        new Request(`${OURS}/api/auth/sign-in/email`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: OURS, "sec-fetch-site": "same-origin", [CLIENT_ADDRESS_HEADER]: clientAddress() },
          body: JSON.stringify({ email, password }),
        }),
      );
      assert.equal(signIn.status, 200, await signIn.clone().text());
      cookie = signIn.headers
        .getSetCookie()
        .map((line) => line.split(";")[0])
        .join("; ");
      assert.match(cookie, /session_token=/);

      // Real ids, so a request that got through would have something to change.
      const project = await db.project.create({ data: { slug: "csrf", name: "CSRF" } });
      const step = await db.step.create({
        data: { projectId: project.id, position: 0, name: "Apply", type: "kubernetes-yaml", config: { yaml: "" }, verification: { enabled: true } },
      });
      const environment = await db.environment.create({ data: { name: "csrf-env" } });
      const release = await db.release.create({
        data: {
          projectId: project.id,
          version: "1.0.0",
          processVersion: 1,
          steps: {
            create: [
              { sourceStepId: step.id, position: 0, name: "Apply", type: "kubernetes-yaml", enabled: true, config: {}, verification: { enabled: true } },
            ],
          },
        },
        include: { steps: true },
      });
      const deployment = await db.deployment.create({
        data: {
          projectId: project.id,
          releaseId: release.id,
          environmentId: environment.id,
          status: "Succeeded",
          finishedAt: new Date(),
          stepRuns: {
            create: [
              { releaseStepId: release.steps[0]!.id, position: 0, name: "Apply", type: "kubernetes-yaml", verificationEnabled: true, status: "Succeeded" },
            ],
          },
        },
        include: { stepRuns: true },
      });
      Object.assign(ids, {
        projectId: project.id,
        stepId: step.id,
        environmentId: environment.id,
        releaseId: release.id,
        deploymentId: deployment.id,
        stepRunId: deployment.stepRuns[0]!.id,
      });
    });
    after(async () => database.cleanup());

    /** The URL and params of a route, its [param] segments filled with the seeded ids. */
    const address = (route: RouteFile) => {
      const params: Record<string, string> = {};
      const path = route.segments.map((segment) => {
        const name = /^\[(.+)\]$/.exec(segment)?.[1];
        if (!name) return segment;
        params[name] = ids[name] ?? `unknown-${name}`;
        return encodeURIComponent(params[name]);
      });
      return { url: `${OURS}/${path.join("/")}`, params };
    };

    const send = async (handler: RouteHandler, url: string, params: Record<string, string>, method: string, headers: Record<string, string>, body?: string) => {
      const response = await handler(new Request(url, { method, headers: { cookie, [CLIENT_ADDRESS_HEADER]: clientAddress(), ...headers }, body }), {
        params: Promise.resolve(params),
      });
      return { status: response.status, text: await response.text() };
    };
    const crossSite = { origin: ATTACKER, "sec-fetch-site": "cross-site", "content-type": "application/json" };
    const textPlain = { origin: OURS, "sec-fetch-site": "same-origin", "content-type": "text/plain;charset=UTF-8" };

    test("the walk found the routes and the session cookie is a working administrator session", async () => {
      const changing = routes
        .filter((route) => !isCatchAll(route))
        .flatMap((route) => STATE_CHANGING.filter((method) => typeof route.module[method] === "function"));
      assert.ok(changing.length >= 15, `only ${changing.length} state-changing handlers found`);
      const projects = routes.find((route) => route.segments.join("/") === "api/projects")!;
      const created = await send(
        projects.module.POST as RouteHandler,
        `${OURS}/api/projects`,
        {},
        "POST",
        { origin: OURS, "sec-fetch-site": "same-origin", "content-type": "application/json" },
        JSON.stringify({ name: `Control ${randomUUID().slice(0, 8)}` }),
      );
      assert.equal(created.status, 201, `the same request from our own page is accepted: ${created.text}`);
    });

    for (const route of routes.filter((candidate) => !isCatchAll(candidate))) {
      for (const method of STATE_CHANGING) {
        const handler = route.module[method];
        if (typeof handler !== "function") continue;
        const name = `${method} /${route.segments.join("/")}`;
        test(`${name}: refused from another site and as text/plain, nothing changes`, async () => {
          const { url, params } = address(route);
          const before = await fingerprint(database.db);
          const foreign = await send(handler as RouteHandler, url, params, method, crossSite, "{}");
          assert.equal(foreign.status, 403, `cross-site: ${foreign.text}`);
          assert.equal(JSON.parse(foreign.text).error, "forbidden");
          const plain = await send(handler as RouteHandler, url, params, method, textPlain, "{}");
          assert.equal(plain.status, 415, `text/plain: ${plain.text}`);
          assert.equal(await fingerprint(database.db), before, "the database changed");
        });
      }
    }

    // better-auth's endpoints: through the app's catch-all route when it exists, else its handler.
    test("every state-changing better-auth endpoint refuses another site and text/plain", async () => {
      const authRoute = routes.find((route) => isCatchAll(route) && route.segments[1] === "auth");
      const endpoints = Object.values(auth.api as Record<string, { path?: string; options?: { method?: string | string[] } }>)
        .filter((endpoint) => endpoint.path && [endpoint.options?.method ?? []].flat().some((method) => (STATE_CHANGING as readonly string[]).includes(method)))
        // OAuth callbacks are posted by the identity provider from its own site by design
        // (response_mode=form_post); their state parameter and PKCE are what protect them.
        .filter((endpoint) => !/\/callback\//.test(endpoint.path!) && !endpoint.path!.startsWith("/oauth2/callback"));
      assert.ok(endpoints.some((endpoint) => endpoint.path === "/sign-in/email"));
      for (const endpoint of endpoints) {
        const method = [endpoint.options?.method].flat().find((candidate) => (STATE_CHANGING as readonly string[]).includes(candidate!))!;
        const url = `${OURS}/api/auth${endpoint.path!.replace(/:(\w+)/g, "x")}`;
        const handler: RouteHandler = authRoute ? (authRoute.module[method] as RouteHandler) : (request) => auth.handler(request);
        assert.equal(typeof handler, "function", `the auth route exports ${method}`);
        const before = await fingerprint(database.db);
        const foreign = await send(
          handler,
          url,
          { all: endpoint.path!.slice(1) },
          method,
          crossSite,
          JSON.stringify({ email: "x@example.test", password: "wrong-password" }),
        );
        const plain = await send(handler, url, { all: endpoint.path!.slice(1) }, method, textPlain, "{}");
        assert.equal(foreign.status, 403, `${method} ${endpoint.path} cross-site: ${foreign.text}`);
        // 415 from better-call's JSON-only body parser, unless a check before it refused already
        // (403 origin, 405 for POST /get-session, which this configuration does not enable).
        assert.ok([403, 405, 415].includes(plain.status), `${method} ${endpoint.path} text/plain: ${plain.status} ${plain.text}`);
        assert.equal(await fingerprint(database.db), before, `${method} ${endpoint.path} changed the database`);
      }
    });

    test("a cross-site sign-in without any cookie is refused too (login CSRF), as fetch and as an HTML form", async () => {
      const authRoute = routes.find((route) => isCatchAll(route) && route.segments[1] === "auth");
      const handler: RouteHandler = authRoute ? (authRoute.module.POST as RouteHandler) : (request) => auth.handler(request);
      // sign-in/email also takes form encoding (progressive enhancement), so a foreign <form> is tried too.
      const attempts = [
        { mode: "cors", type: "application/json", body: JSON.stringify({ email: "attacker@example.test", password: "attacker-password" }) },
        { mode: "navigate", type: "application/x-www-form-urlencoded", body: "email=attacker%40example.test&password=attacker-password" },
      ];
      for (const attempt of attempts) {
        const headers = {
          origin: ATTACKER,
          "sec-fetch-site": "cross-site",
          "sec-fetch-mode": attempt.mode,
          "content-type": attempt.type,
          [CLIENT_ADDRESS_HEADER]: clientAddress(),
        };
        const request = new Request(`${OURS}/api/auth/sign-in/email`, { method: "POST", headers, body: attempt.body });
        const response = await handler(request, { params: Promise.resolve({ all: "sign-in/email" }) });
        assert.equal(response.status, 403, `${attempt.type}: ${await response.text()}`);
      }
    });
  });
}
