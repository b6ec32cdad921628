// The change trail is written by the route handlers: every successful change records who (user,
// via token or session), what (action, target, summary, changed field names) and from where
// (client address, user agent); a refused change records nothing; no secret value (a Secret step
// value, a target token, a password, an API token) ever reaches an AuditEvent row. Both databases.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, testProviders, type TestDatabase } from "../../testing/test-database.ts";
import { call, installTestContext, TEST_ORIGIN } from "../../testing/test-context.ts";
import { appContext } from "../../context.ts";
import { CLIENT_ADDRESS_HEADER } from "../../auth/auth-instance.ts";
import { validStep } from "../../contracts/__tests__/step-builders.ts";
import * as me from "../../../app/api/me/route.ts";
import * as projects from "../../../app/api/projects/route.ts";
import * as project from "../../../app/api/projects/[projectId]/route.ts";
import * as steps from "../../../app/api/projects/[projectId]/steps/route.ts";
import * as step from "../../../app/api/projects/[projectId]/steps/[stepId]/route.ts";
import * as stepEnabled from "../../../app/api/projects/[projectId]/steps/[stepId]/enabled/route.ts";
import * as stepOrder from "../../../app/api/projects/[projectId]/steps/order/route.ts";
import * as exportRoute from "../../../app/api/projects/[projectId]/process/export/route.ts";
import * as importRoute from "../../../app/api/projects/[projectId]/process/import/route.ts";
import * as releases from "../../../app/api/projects/[projectId]/releases/route.ts";
import * as deployments from "../../../app/api/projects/[projectId]/deployments/route.ts";
import * as environments from "../../../app/api/environments/route.ts";
import * as environment from "../../../app/api/environments/[environmentId]/route.ts";
import * as users from "../../../app/api/users/route.ts";
import * as user from "../../../app/api/users/[userId]/route.ts";
import * as userSessions from "../../../app/api/users/[userId]/sessions/route.ts";
import * as groupMappings from "../../../app/api/group-mappings/route.ts";
import * as groupMapping from "../../../app/api/group-mappings/[mappingId]/route.ts";
import * as tokens from "../../../app/api/tokens/route.ts";
import * as token from "../../../app/api/tokens/[tokenId]/route.ts";
import * as settings from "../../../app/api/settings/route.ts";
import * as authRoute from "../../../app/api/auth/[...all]/route.ts";
import * as setup from "../../../app/api/setup/route.ts";
import { prepareFirstRun } from "../../auth/first-run.ts";
import { logger } from "../../logging.ts";

const ADDRESS = "203.0.113.9";
const BROWSER = "change-trail-test/1.0";
const from = { [CLIENT_ADDRESS_HEADER]: ADDRESS, "user-agent": BROWSER };
const marker = (name: string) => `${name}-${Math.random().toString(36).slice(2, 10)}`;
const STEP_SECRET = marker("step-secret-value");
const STEP_SECRET_2 = marker("step-secret-second");
const TARGET_TOKEN = marker("target-bearer-token");
const TARGET_TOKEN_2 = marker("target-bearer-second");
const PASSWORD = marker("user-password-long");
const PASSWORD_2 = marker("user-password-again");

const tokenTarget = (token?: string) => ({
  authKind: "token",
  serverUrl: "https://127.0.0.1:6443",
  insecureSkipTlsVerify: true,
  defaultNamespace: "shop",
  token,
});

// The sign-in rate limiter's memory is per process, shared by both providers' runs: distinct addresses.
for (const [index, provider] of testProviders().entries()) {
  const signInAddress = `198.51.100.${44 + index}`;
  describe(`change trail recording on ${provider}`, () => {
    let database: TestDatabase;
    let adminId: string;
    const enqueued: string[] = [];
    const secretsSeen: string[] = [];

    before(async () => {
      database = await createTestDatabase(provider);
      installTestContext(database);
      // Deployments are recorded, not run: no cluster here.
      appContext().executor = { ...appContext().executor, enqueue: (id: string) => void enqueued.push(id) };
      adminId = (await call(me.GET)).json.id;
    });
    after(async () => {
      const rows = await database.db.auditEvent.findMany();
      const stored = JSON.stringify(rows);
      for (const secret of secretsSeen) assert.ok(!stored.includes(secret), `a secret value reached the change trail: ${secret.slice(0, 12)}…`);
      await database.cleanup();
    });

    const count = () => database.db.auditEvent.count();
    /** The events written since `since` (a count), oldest first. */
    const newEvents = async (since: number) => (await database.db.auditEvent.findMany({ orderBy: [{ at: "asc" }, { id: "asc" }] })).slice(since);
    const newProject = async (name = marker("Shop")) => {
      const response = await call(projects.POST, { body: { name }, headers: from });
      assert.equal(response.status, 201, response.text);
      return response.json as { id: string; name: string };
    };

    test("creating a project records who, how, from where and what", async () => {
      const before = await count();
      const created = await newProject("Trail Shop");
      const [event, ...rest] = await newEvents(before);
      assert.equal(rest.length, 0);
      assert.equal(event!.action, "project.create");
      assert.equal(event!.targetType, "project");
      assert.equal(event!.targetId, created.id);
      assert.equal(event!.targetName, "Trail Shop");
      assert.equal(event!.summary, "created project Trail Shop");
      assert.equal(event!.actorId, adminId);
      assert.match(event!.actorName, /^Test admin/);
      assert.equal(event!.actorVia, "token");
      assert.equal(event!.ipAddress, ADDRESS);
      assert.equal(event!.userAgent, BROWSER);
      assert.ok(Math.abs(event!.at.getTime() - Date.now()) < 60_000);
    });

    test("a refused change records nothing: validation (422), permission (403), not found (404), conflict (409)", async () => {
      const before = await count();
      assert.equal((await call(projects.POST, { body: { name: "" } })).status, 422);
      assert.equal((await call(projects.POST, { body: { name: "Not allowed" }, as: "team-member" })).status, 403);
      assert.equal((await call(project.DELETE, { method: "DELETE", params: { projectId: "missing" } })).status, 404);
      const { id } = await newProject();
      const afterCreate = await count();
      const invalidStep = await call(steps.POST, {
        params: { projectId: id },
        body: validStep("service", { config: { name: "web", selector: [], ports: [] } }),
      });
      assert.equal(invalidStep.status, 422);
      const created = await call(environments.POST, { body: { name: marker("env"), target: tokenTarget(TARGET_TOKEN) } });
      secretsSeen.push(TARGET_TOKEN);
      assert.equal(created.status, 201, created.text);
      const afterEnvironment = await count();
      assert.equal((await call(environments.POST, { body: { name: created.json.name, target: tokenTarget(TARGET_TOKEN) } })).status, 409);
      assert.equal(afterCreate, before + 1, "only the successful project creation");
      assert.equal(await count(), afterEnvironment, "the duplicate environment left no event");
    });

    test("steps: create, update (changed field names, never values), enable, reorder, delete; a refused update records nothing", async () => {
      const shop = await newProject("Step Shop");
      const before = await count();
      secretsSeen.push(STEP_SECRET, STEP_SECRET_2);
      const secret = await call(steps.POST, {
        params: { projectId: shop.id },
        body: validStep("secret", { name: "Database password", config: { name: "db", data: [{ key: "password", value: STEP_SECRET }] } }),
        headers: from,
      });
      assert.equal(secret.status, 201, secret.text);
      const service = await call(steps.POST, { params: { projectId: shop.id }, body: validStep("service", { name: "Web service" }) });
      assert.equal(service.status, 201, service.text);
      const updated = await call(step.PUT, {
        method: "PUT",
        params: { projectId: shop.id, stepId: secret.json.id },
        body: {
          ...validStep("secret", { name: "Database password", config: { name: "db", data: [{ key: "password", value: STEP_SECRET_2 }] } }),
          expectedVersion: 1,
        },
      });
      assert.equal(updated.status, 200, updated.text);
      const kept = await call(step.PUT, {
        method: "PUT",
        params: { projectId: shop.id, stepId: secret.json.id },
        body: { ...validStep("secret", { name: "DB password", config: { name: "db", data: [{ key: "password" }] } }), expectedVersion: 2 },
      });
      assert.equal(kept.status, 200, kept.text);
      const beforeRefused = await count();
      const stale = await call(step.PUT, {
        method: "PUT",
        params: { projectId: shop.id, stepId: secret.json.id },
        body: { ...validStep("secret", { name: "DB password", config: { name: "db", data: [{ key: "password" }] } }), expectedVersion: 1 },
      });
      assert.equal(stale.status, 409);
      const missingValue = await call(step.PUT, {
        method: "PUT",
        params: { projectId: shop.id, stepId: secret.json.id },
        body: { ...validStep("secret", { name: "DB password", config: { name: "db", data: [{ key: "password" }, { key: "token" }] } }), expectedVersion: 3 },
      });
      assert.equal(missingValue.status, 422);
      assert.equal(await count(), beforeRefused, "refused updates record nothing");
      const disabled = await call(stepEnabled.PUT, {
        method: "PUT",
        params: { projectId: shop.id, stepId: service.json.id },
        body: { enabled: false, expectedVersion: 1 },
      });
      assert.equal(disabled.status, 200, disabled.text);
      const project = await call(projects.GET);
      const processVersion = (project.json as { id: string; processVersion: number }[]).find((p) => p.id === shop.id)!.processVersion;
      const reordered = await call(stepOrder.PUT, {
        method: "PUT",
        params: { projectId: shop.id },
        body: { stepIds: [service.json.id, secret.json.id], expectedProcessVersion: processVersion },
      });
      assert.equal(reordered.status, 200, reordered.text);
      assert.equal((await call(step.DELETE, { method: "DELETE", params: { projectId: shop.id, stepId: service.json.id } })).status, 204);

      const events = await newEvents(before);
      assert.deepEqual(
        events.map((event) => event.action),
        ["step.create", "step.create", "step.update", "step.update", "step.disable", "step.reorder", "step.delete"],
      );
      const [created, , changedValue, renamed, disable, reorder, deleted] = events;
      assert.equal(created!.summary, `added step "Database password" (secret) to Step Shop`);
      assert.equal(created!.ipAddress, ADDRESS);
      assert.deepEqual((changedValue!.details as { changedFields: string[] }).changedFields, ["config.data"], "a new secret value is named, not shown");
      assert.deepEqual((renamed!.details as { changedFields: string[] }).changedFields, ["name"], "a kept secret value is not a change");
      assert.equal(renamed!.targetName, "DB password");
      assert.match(renamed!.summary, /changed step "DB password" \(was "Database password"\) of Step Shop: name/);
      assert.equal(disable!.targetId, service.json.id);
      assert.equal(reorder!.targetType, "project");
      assert.equal(reorder!.summary, `reordered the steps of Step Shop: "Web service", "DB password"`);
      assert.equal(deleted!.targetName, "Web service");
      assert.equal(deleted!.summary, `deleted step "Web service" (service) of Step Shop`);
    });

    test("a process import, a release and a deployment: 'deployed release 1.0.0 of Shop to staging'", async () => {
      const shop = await newProject("Deploy Shop");
      assert.equal((await call(steps.POST, { params: { projectId: shop.id }, body: validStep("service", { name: "Web" }) })).status, 201);
      const before = await count();
      const document = await call(exportRoute.GET, { url: `${TEST_ORIGIN}/api/export?format=yaml`, params: { projectId: shop.id } });
      assert.equal(document.status, 200, document.text);
      const imported = await call(importRoute.POST, { params: { projectId: shop.id }, body: { content: document.text } });
      assert.equal(imported.status, 201, imported.text);
      assert.equal((await call(importRoute.POST, { params: { projectId: shop.id }, body: { content: "not: [a process" } })).status, 422);
      const [importEvent, ...afterImport] = await newEvents(before);
      assert.equal(afterImport.length, 0, "the refused import recorded nothing");
      assert.equal(importEvent!.action, "process.import");
      assert.equal(importEvent!.summary, "imported a process of 1 step into Deploy Shop, replacing 1");
      const beforeRelease = await count();
      const release = await call(releases.POST, { params: { projectId: shop.id }, body: { version: "1.0.0" } });
      assert.equal(release.status, 201, release.text);
      const staging = await call(environments.POST, { body: { name: marker("staging"), target: tokenTarget(TARGET_TOKEN) } });
      assert.equal(staging.status, 201, staging.text);
      const deployment = await call(deployments.POST, {
        params: { projectId: shop.id },
        body: { releaseId: release.json.id, environmentId: staging.json.id },
        headers: from,
      });
      assert.equal(deployment.status, 201, deployment.text);
      assert.ok(enqueued.includes(deployment.json.id));
      const events = await newEvents(beforeRelease);
      assert.deepEqual(
        events.map((event) => event.action),
        ["release.create", "environment.create", "target.create", "deployment.create"],
      );
      assert.equal(events[0]!.summary, "created release 1.0.0 of Deploy Shop (1 step)");
      const deployed = events[3]!;
      assert.equal(deployed.summary, `deployed release 1.0.0 of Deploy Shop to ${staging.json.name}`);
      assert.equal(deployed.targetId, deployment.json.id);
      assert.equal(deployed.ipAddress, ADDRESS);
      assert.deepEqual(
        {
          releaseVersion: (deployed.details as Record<string, unknown>).releaseVersion,
          environmentName: (deployed.details as Record<string, unknown>).environmentName,
        },
        { releaseVersion: "1.0.0", environmentName: staging.json.name },
      );
    });

    test("a team member's refused deployment records nothing", async () => {
      const before = await count();
      const refused = await call(deployments.POST, { params: { projectId: "any" }, body: { releaseId: "r", environmentId: "e" }, as: "team-member" });
      assert.equal(refused.status, 403);
      assert.equal(await count(), before);
    });

    test("environments and targets: credentials changes are named 'credentials', a description change is an environment change", async () => {
      const before = await count();
      secretsSeen.push(TARGET_TOKEN_2);
      const name = marker("production");
      const created = await call(environments.POST, { body: { name, target: tokenTarget(TARGET_TOKEN) } });
      assert.equal(created.status, 201, created.text);
      const id = created.json.id as string;
      const put = (body: Record<string, unknown>, expectedVersion: number) =>
        call(environment.PUT, { method: "PUT", params: { environmentId: id }, body: { name, description: "", ...body, expectedVersion } });
      const newToken = await put({ target: tokenTarget(TARGET_TOKEN_2) }, 1);
      assert.equal(newToken.status, 200, newToken.text);
      const description = await put({ description: "The live shop", target: tokenTarget() }, 2);
      assert.equal(description.status, 200, description.text);
      const refused = await put({ target: { ...tokenTarget(), serverUrl: "not a url" } }, 3);
      assert.equal(refused.status, 422);
      const beforeDelete = await count();
      assert.equal((await call(environment.DELETE, { method: "DELETE", params: { environmentId: id } })).status, 204);
      const events = await newEvents(before);
      assert.deepEqual(
        events.map((event) => event.action),
        ["environment.create", "target.create", "target.update", "environment.update", "environment.delete"],
      );
      assert.equal(beforeDelete, before + 4, "the refused update recorded nothing");
      assert.deepEqual((events[2]!.details as { changedFields: string[] }).changedFields, ["credentials"]);
      assert.equal(events[2]!.targetId, id);
      assert.deepEqual((events[3]!.details as { changedFields: string[] }).changedFields, ["description"]);
      assert.equal(events[4]!.summary, `deleted environment ${name} and its Kubernetes target`);
    });

    test("users: create, roles changed, password reset, disabled, sessions revoked; group mappings; never a password", async () => {
      secretsSeen.push(PASSWORD, PASSWORD_2);
      const before = await count();
      const email = `${marker("ada")}@example.com`;
      const created = await call(users.POST, { body: { name: "Ada", email, password: PASSWORD, roles: ["team-member"] }, headers: from });
      assert.equal(created.status, 201, created.text);
      const id = created.json.id as string;
      const patch = (body: Record<string, unknown>) => call(user.PATCH, { method: "PATCH", params: { userId: id }, body });
      assert.equal((await patch({ roles: ["release-manager", "auditor"] })).status, 200);
      assert.equal((await patch({ password: PASSWORD_2 })).status, 200);
      assert.equal((await patch({ disabled: true })).status, 200);
      assert.equal((await patch({ password: "short" })).status, 422);
      assert.equal((await call(userSessions.DELETE, { method: "DELETE", params: { userId: id } })).status, 200);
      const mapping = await call(groupMappings.POST, { body: { group: "ops", role: "release-manager" } });
      assert.equal(mapping.status, 201, mapping.text);
      assert.equal((await call(groupMappings.POST, { body: { group: "ops", role: "release-manager" } })).status, 422);
      assert.equal((await call(groupMapping.DELETE, { method: "DELETE", params: { mappingId: mapping.json.id } })).status, 200);
      const events = await newEvents(before);
      assert.deepEqual(
        events.map((event) => event.action),
        ["user.create", "user.roles", "user.password-reset", "user.disable", "user.sessions-revoke", "group-mapping.create", "group-mapping.delete"],
      );
      assert.equal(events[0]!.targetName, `Ada (${email})`);
      assert.equal(events[1]!.summary, `changed the roles of Ada (${email}) from Team member to Release manager, Auditor, deploying to all environments`);
      assert.deepEqual((events[1]!.details as { roles: string[] }).roles, ["release-manager", "auditor"]);
      assert.equal(events[5]!.summary, `gave everyone in group "ops" the role Release manager, deploying to all environments`);
    });

    test("API tokens: creation and revocation are recorded by name, never the token", async () => {
      const before = await count();
      const created = await call(tokens.POST, { body: { name: "pipeline", expiresInDays: 30 } });
      assert.equal(created.status, 201, created.text);
      secretsSeen.push(created.json.token);
      assert.equal((await call(token.DELETE, { method: "DELETE", params: { tokenId: created.json.view.id } })).status, 200);
      const events = await newEvents(before);
      assert.deepEqual(
        events.map((event) => [event.action, event.targetName, event.targetId]),
        [
          ["token.create", "pipeline", created.json.view.id],
          ["token.revoke", "pipeline", created.json.view.id],
        ],
      );
    });

    test("server settings: the entries added and removed, per setting", async () => {
      const before = await count();
      const saved = await call(settings.PUT, { method: "PUT", body: { allowedExecCommands: ["/usr/local/bin/aws"], serverPathRoots: [] } });
      assert.equal(saved.status, 200, saved.text);
      assert.equal((await call(settings.PUT, { method: "PUT", body: { allowedExecCommands: [], serverPathRoots: ["/does/not/exist"] } })).status, 422);
      const events = await newEvents(before);
      assert.deepEqual(
        events.map((event) => [event.action, event.targetId, event.summary]),
        [["setting.update", "allowedExecCommands", "Allowed exec plugin commands: added /usr/local/bin/aws"]],
      );
    });

    test("a password sign-in is recorded with the client address; a failed one is not", async () => {
      const email = `${marker("grace")}@example.com`;
      const person = await call(users.POST, { body: { name: "Grace", email, password: PASSWORD, roles: ["auditor"] } });
      assert.equal(person.status, 201, person.text);
      const signIn = (password: string) =>
        authRoute.POST(
          new Request(`${TEST_ORIGIN}/api/auth/sign-in/email`, {
            method: "POST",
            headers: { "content-type": "application/json", origin: TEST_ORIGIN, [CLIENT_ADDRESS_HEADER]: signInAddress, "user-agent": BROWSER },
            body: JSON.stringify({ email, password }),
          }),
        );
      const before = await count();
      assert.equal((await signIn(marker("wrong-password"))).status, 401);
      assert.equal(await count(), before, "a failed sign-in creates no session and no event");
      assert.equal((await signIn(PASSWORD)).status, 200);
      const [event, ...rest] = await newEvents(before);
      assert.equal(rest.length, 0);
      assert.equal(event!.action, "user.sign-in");
      assert.equal(event!.actorId, person.json.id);
      assert.equal(event!.actorName, "Grace");
      assert.equal(event!.actorVia, "session");
      assert.equal(event!.ipAddress, signInAddress);
      assert.equal(event!.userAgent, BROWSER);
      assert.equal(event!.summary, "signed in with a password");
    });
  });

  describe(`first-run setup in the change trail on ${provider}`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await createTestDatabase(provider);
      installTestContext(database);
    });
    after(async () => database.cleanup());

    test("the new administrator is the actor of the setup and of their first sign-in", async () => {
      const { db, auth } = appContext();
      const write = process.stdout.write.bind(process.stdout);
      process.stdout.write = (() => true) as typeof process.stdout.write;
      let link;
      try {
        link = await prepareFirstRun(db, auth, { publicUrl: TEST_ORIGIN }, logger());
      } finally {
        process.stdout.write = write;
      }
      assert.equal(link.kind, "setup-link");
      const setupToken = new URL(link.kind === "setup-link" ? link.url : "").searchParams.get("token")!;
      const body = { name: "First Admin", email: "first@example.com", password: PASSWORD };
      assert.equal((await call(setup.POST, { as: "anonymous", body: { ...body, token: "wrong" }, headers: from })).status, 400);
      assert.equal(await db.auditEvent.count(), 0, "a refused setup records nothing");
      const done = await call(setup.POST, { as: "anonymous", body: { ...body, token: setupToken }, headers: from });
      assert.equal(done.status, 200, done.text);
      const administrator = await db.user.findUniqueOrThrow({ where: { email: "first@example.com" } });
      const events = await db.auditEvent.findMany({ orderBy: [{ at: "asc" }, { id: "asc" }] });
      assert.deepEqual(
        events.map((event) => [event.action, event.actorId, event.actorName, event.targetId, event.ipAddress]),
        [
          ["setup.complete", administrator.id, "First Admin", administrator.id, ADDRESS],
          ["user.sign-in", administrator.id, "First Admin", administrator.id, ADDRESS],
        ],
      );
      const stored = JSON.stringify(events);
      assert.ok(!stored.includes(PASSWORD) && !stored.includes(setupToken), "neither the password nor the setup link");
    });
  });
}
