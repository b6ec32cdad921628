// The permission matrix, generated from the code: every app/api/**/route.ts × exported method,
// every page, every server action and every Socket.IO event, × {anonymous, each role}. Each one
// needs a rule below; a new route, page or event without one fails this test, so nothing ships
// unguarded by accident.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { io as connect } from "socket.io-client";
import { createTestDatabase, testProviders, type TestDatabase } from "../../testing/test-database.ts";
import { call, installTestContext, testToken, TEST_ORIGIN, type CallAs } from "../../testing/test-context.ts";
import { can, ROLES, type Permission, type Role } from "../permissions.ts";
import { attachSocketServer, type LiveServer } from "../../live/socket-server.ts";
import { logger } from "../../logging.ts";
import { appContext } from "../../context.ts";

type Rule = Permission | "public" | "library";

/** METHOD + route folder under app/api → what it needs. */
const ROUTE_RULES: Record<string, Rule> = {
  "GET audit/export": "audit:read",
  "GET audit/objects": "audit:read",
  "GET audit/snapshots": "audit:read",
  "GET audit/snapshots/[stepRunId]": "audit:read",
  "GET audit/snapshots/[stepRunId]/export": "audit:read",
  "GET audit/snapshots/[stepRunId]/objects/[key]/timeline": "audit:read",
  "GET audit/changes": "audit:read",
  "GET audit/changes/export": "audit:read",
  // better-auth's own endpoints (sign-in, callback, sign-out, session): the library authenticates.
  "GET auth/[...all]": "library",
  "POST auth/[...all]": "library",
  "GET deployments/[deploymentId]": "deployment:read",
  "GET deployments/[deploymentId]/log": "deployment:read",
  "GET deployments/[deploymentId]/objects": "deployment:read",
  "GET environments": "environment:read",
  "POST environments": "environment:write",
  "GET environments/[environmentId]": "environment:read",
  "PUT environments/[environmentId]": "environment:write",
  "DELETE environments/[environmentId]": "environment:write",
  "POST environments/[environmentId]/test-connection": "environment:write",
  "POST environments/test-connection": "environment:write",
  "GET group-mappings": "users:manage",
  "POST group-mappings": "users:manage",
  "DELETE group-mappings/[mappingId]": "users:manage",
  "GET health": "public",
  "POST kubeconfig/contexts": "environment:write",
  "GET me": "self",
  "GET projects": "project:read",
  "POST projects": "project:write",
  "GET projects/[projectId]": "project:read",
  "PUT projects/[projectId]": "project:write",
  "DELETE projects/[projectId]": "project:write",
  "GET projects/[projectId]/deployments": "deployment:read",
  "POST projects/[projectId]/deployments": "deployment:create",
  "GET projects/[projectId]/process/export": "project:read",
  "POST projects/[projectId]/process/import": "project:write",
  "GET projects/[projectId]/releases": "project:read",
  "POST projects/[projectId]/releases": "project:write",
  "GET projects/[projectId]/releases/next-version": "project:read",
  "GET projects/[projectId]/steps": "project:read",
  "POST projects/[projectId]/steps": "project:write",
  "GET projects/[projectId]/steps/[stepId]": "project:read",
  "PUT projects/[projectId]/steps/[stepId]": "project:write",
  "DELETE projects/[projectId]/steps/[stepId]": "project:write",
  "PUT projects/[projectId]/steps/[stepId]/enabled": "project:write",
  "PUT projects/[projectId]/steps/order": "project:write",
  "GET releases/[releaseId]": "project:read",
  "GET settings": "settings:manage",
  "PUT settings": "settings:manage",
  // The first-run setup: anyone with the one-time link (checked inside).
  "POST setup": "public",
  "GET step-runs/[stepRunId]/objects/[key]": "deployment:read",
  "POST steps/preview": "project:write",
  "GET tokens": "self",
  "POST tokens": "self",
  "DELETE tokens/[tokenId]": "self",
  "GET users": "users:manage",
  "POST users": "users:manage",
  "GET users/[userId]": "users:manage",
  "PATCH users/[userId]": "users:manage",
  "DELETE users/[userId]/sessions": "users:manage",
};

/** Page folder under app/ → what it needs. Public pages render for anyone. */
const PAGE_RULES: Record<string, Rule> = {
  "": "project:read",
  account: "self",
  "admin/settings": "settings:manage",
  "admin/users": "users:manage",
  audit: "audit:read",
  "audit/snapshots/[stepRunId]": "audit:read",
  deployments: "deployment:read",
  "deployments/[deploymentId]": "deployment:read",
  environments: "environment:read",
  "environments/new": "environment:write",
  "environments/[environmentId]": "environment:write",
  "projects/new": "project:write",
  "projects/[projectId]": "project:read",
  "projects/[projectId]/deploy": "deployment:create",
  "projects/[projectId]/releases/new": "project:write",
  "projects/[projectId]/releases/[releaseId]": "project:read",
  "projects/[projectId]/steps/new": "project:write",
  "projects/[projectId]/steps/[stepId]": "project:write",
  "sign-in": "public",
  setup: "public",
};

/** Client → server Socket.IO events (server/live/socket-server.ts) → what they need. */
const SOCKET_RULES: Record<string, Permission> = {
  "deployment:join": "deployment:read",
  "deployment:leave": "deployment:read",
};

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const root = process.cwd();

function filesNamed(dir: string, name: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return filesNamed(path, name);
    return entry === name ? [path] : [];
  });
}
const folderOf = (file: string, base: string) => relative(join(root, base), file).split("/").slice(0, -1).join("/");

test("every API route, page and socket event has a rule, and every rule still has its code", async () => {
  const routes: string[] = [];
  for (const file of filesNamed(join(root, "app/api"), "route.ts")) {
    const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    for (const method of METHODS) if (typeof module[method] === "function") routes.push(`${method} ${folderOf(file, "app/api")}`);
  }
  assert.deepEqual(
    routes.filter((route) => !(route in ROUTE_RULES)),
    [],
    "routes without a rule (add them to ROUTE_RULES)",
  );
  assert.deepEqual(
    Object.keys(ROUTE_RULES).filter((route) => !routes.includes(route)),
    [],
    "rules for routes that no longer exist",
  );

  const pages = filesNamed(join(root, "app"), "page.tsx").map((file) => ({ folder: folderOf(file, "app"), source: readFileSync(file, "utf8") }));
  assert.deepEqual(
    pages.filter((page) => !(page.folder in PAGE_RULES)).map((page) => page.folder),
    [],
    "pages without a rule",
  );
  for (const page of pages) {
    const rule = PAGE_RULES[page.folder];
    if (rule === "public") continue;
    assert.ok(page.source.includes(`requirePagePermission("${rule}")`), `app/${page.folder}/page.tsx must call requirePagePermission("${rule}")`);
  }

  const serverActions = ["app", "components", "server"]
    .flatMap((dir) => readdirSync(join(root, dir), { recursive: true }).map((entry) => join(root, dir, String(entry))))
    .filter((file) => /\.tsx?$/.test(file) && !file.includes("/generated/") && statSync(file).isFile())
    .filter((file) => /^\s*["']use server["']/m.test(readFileSync(file, "utf8")));
  assert.deepEqual(serverActions, [], "server actions need an authorize() call and a rule here; none exist today");

  const socketSource = readFileSync(join(root, "server/live/socket-server.ts"), "utf8");
  const events = [...socketSource.matchAll(/socket\.on\("([^"]+)"/g)].map((match) => match[1]!);
  assert.deepEqual(events.sort(), Object.keys(SOCKET_RULES).sort(), "socket events and their rules");
});

const SUBJECTS: ("anonymous" | Role)[] = ["anonymous", ...ROLES];

function expectation(rule: Rule, subject: "anonymous" | Role): "allowed" | 401 | 403 {
  if (rule === "public") return "allowed";
  if (subject === "anonymous") return 401;
  return can({ roles: [subject] }, rule as Permission) ? "allowed" : 403;
}

for (const provider of testProviders()) {
  describe(`permission matrix on ${provider}`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await createTestDatabase(provider);
      installTestContext(database);
    });
    after(async () => database.cleanup());

    test("each route × method answers each role as its rule says (unknown ids: 404 or 422, never a leak)", async () => {
      const failures: string[] = [];
      for (const file of filesNamed(join(root, "app/api"), "route.ts")) {
        const folder = folderOf(file, "app/api");
        const module = (await import(pathToFileURL(file).href)) as Record<
          string,
          (request: Request, segment: { params: Promise<Record<string, string>> }) => Promise<Response>
        >;
        const params = Object.fromEntries([...folder.matchAll(/\[(\w+)\]/g)].map((match) => [match[1]!, "missing-id"]));
        for (const method of METHODS) {
          const handler = module[method];
          const rule = ROUTE_RULES[`${method} ${folder}`];
          if (!handler || !rule || rule === "library") continue;
          for (const subject of SUBJECTS) {
            const as: CallAs = subject;
            const url = `${TEST_ORIGIN}/api/${folder.replace(/\[(\w+)\]/g, "missing-id")}`;
            const response = await call(handler, { method, url, params, as, body: method === "GET" || method === "DELETE" ? undefined : {} });
            const expected = expectation(rule, subject);
            const ok = expected === "allowed" ? response.status !== 401 && response.status !== 403 && response.status < 500 : response.status === expected;
            if (!ok) failures.push(`${method} /api/${folder} as ${subject}: expected ${expected}, got ${response.status} ${response.text.slice(0, 120)}`);
          }
        }
      }
      assert.deepEqual(failures, []);
    });

    test("live updates: anonymous and role-less connections are refused; every role with deployment:read connects", async () => {
      const httpServer: HttpServer = createServer();
      await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
      const port = (httpServer.address() as AddressInfo).port;
      const io: LiveServer = attachSocketServer(httpServer, appContext().db, logger(), { allowedOrigins: [`http://127.0.0.1:${port}`] });
      const attempt = (token?: string) =>
        new Promise<"connected" | string>((resolve) => {
          const socket = connect(`http://127.0.0.1:${port}`, {
            path: "/socket.io",
            transports: ["websocket"],
            auth: token ? { token } : {},
            reconnection: false,
          });
          socket.on("connect", () => (socket.close(), resolve("connected")));
          socket.on("connect_error", (error) => (socket.close(), resolve(error.message)));
        });
      try {
        assert.notEqual(await attempt(), "connected", "anonymous");
        assert.notEqual(await attempt(await testToken([])), "connected", "a user without a role");
        for (const role of ROLES) {
          const expected = can({ roles: [role] }, SOCKET_RULES["deployment:join"]!);
          assert.equal((await attempt(await testToken(role))) === "connected", expected, role);
        }
      } finally {
        await new Promise<void>((resolve) => io.close(() => resolve()));
      }
    });
  });
}
