// Sign-in, sessions and tokens through the real better-auth handler and route handlers, on both
// databases: cookies, expiry, revocation, disabled users, rate limiting, API tokens, first run,
// deploy scopes.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, testProviders, type TestDatabase } from "../../testing/test-database.ts";
import { call, installTestContext, TEST_ORIGIN } from "../../testing/test-context.ts";
import { appContext } from "../../context.ts";
import { createLocalUser } from "../users.ts";
import { CLIENT_ADDRESS_HEADER } from "../auth-instance.ts";
import { prepareFirstRun } from "../first-run.ts";
import { logger } from "../../logging.ts";
import * as authRoute from "../../../app/api/auth/[...all]/route.ts";
import * as me from "../../../app/api/me/route.ts";
import * as tokens from "../../../app/api/tokens/route.ts";
import * as token from "../../../app/api/tokens/[tokenId]/route.ts";
import * as userSessions from "../../../app/api/users/[userId]/sessions/route.ts";
import * as user from "../../../app/api/users/[userId]/route.ts";
import * as users from "../../../app/api/users/route.ts";
import * as setup from "../../../app/api/setup/route.ts";

const PASSWORD = "a-long-test-password-1";

async function signIn(email: string, password: string, address: string) {
  const response = await authRoute.POST(
    new Request(`${TEST_ORIGIN}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: TEST_ORIGIN, [CLIENT_ADDRESS_HEADER]: address },
      body: JSON.stringify({ email, password }),
    }),
  );
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  return { status: response.status, cookie, setCookie: response.headers.getSetCookie() };
}

// The rate limiter's memory is per process, shared by both providers' runs: distinct addresses.
for (const [index, provider] of testProviders().entries()) {
  const net = index * 100;
  describe(`sign-in and sessions on ${provider}`, () => {
    let database: TestDatabase;
    let counter = 0;
    const newUser = async (roles: ("admin" | "team-member" | "release-manager" | "auditor")[] = ["team-member"]) => {
      const { db, auth } = appContext();
      const email = `person-${++counter}-${Math.random().toString(36).slice(2, 6)}@example.com`;
      return createLocalUser(db, auth, { name: `Person ${counter}`, email, password: PASSWORD, roles, deployEnvironmentIds: null });
    };
    before(async () => {
      database = await createTestDatabase(provider);
      installTestContext(database, { signInRateLimit: { window: 60, max: 3 } });
    });
    after(async () => database.cleanup());

    test("a password sign-in sets an HTTP-only SameSite session cookie that the API accepts", async () => {
      const person = await newUser();
      const result = await signIn(person.email, PASSWORD, `198.51.100.${1 + net}`);
      assert.equal(result.status, 200);
      const sessionCookie = result.setCookie.find((line) => line.startsWith("kdeploy.session_token="));
      assert.ok(sessionCookie, result.setCookie.join(" | "));
      assert.match(sessionCookie, /HttpOnly/i);
      assert.match(sessionCookie, /SameSite=Lax/i);
      const whoami = await call(me.GET, { as: { cookie: result.cookie } });
      assert.equal(whoami.status, 200);
      assert.equal(whoami.json.email, person.email);
      assert.deepEqual(whoami.json.roles, ["team-member"]);
      assert.equal((await call(me.GET, { as: "anonymous" })).status, 401);
    });

    test("a user without any role signs in and reaches their own account, nothing else", async () => {
      const person = await newUser([]);
      const { cookie } = await signIn(person.email, PASSWORD, `198.51.100.${10 + net}`);
      const whoami = await call(me.GET, { as: { cookie } });
      assert.equal(whoami.status, 200);
      assert.deepEqual(whoami.json.roles, []);
      assert.equal((await call(tokens.GET, { as: { cookie } })).status, 200);
      assert.equal((await call(users.GET, { as: { cookie } })).status, 403);
    });

    test("sessions expire after the configured lifetime and an expired one is refused", async () => {
      const person = await newUser();
      const result = await signIn(person.email, PASSWORD, `198.51.100.${2 + net}`);
      const session = await database.db.session.findFirstOrThrow({ where: { userId: person.id } });
      const hours = (session.expiresAt.getTime() - Date.now()) / 3_600_000;
      assert.ok(hours > 11.9 && hours <= 12, `expires in ${hours} h`);
      await database.db.session.update({ where: { id: session.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
      assert.equal((await call(me.GET, { as: { cookie: result.cookie } })).status, 401);
    });

    test("signing out everywhere and disabling a user revoke sessions at once; a disabled user cannot sign in", async () => {
      const person = await newUser();
      const first = await signIn(person.email, PASSWORD, `198.51.100.${3 + net}`);
      assert.equal((await call(me.GET, { as: { cookie: first.cookie } })).status, 200);
      assert.equal((await call(userSessions.DELETE, { method: "DELETE", params: { userId: person.id } })).status, 200);
      assert.equal((await call(me.GET, { as: { cookie: first.cookie } })).status, 401);

      const second = await signIn(person.email, PASSWORD, `198.51.100.${3 + net}`);
      const disabled = await call(user.PATCH, { method: "PATCH", params: { userId: person.id }, body: { disabled: true } });
      assert.equal(disabled.status, 200, disabled.text);
      assert.equal((await call(me.GET, { as: { cookie: second.cookie } })).status, 401);
      assert.notEqual((await signIn(person.email, PASSWORD, `198.51.100.${3 + net}`)).status, 200);
    });

    test("sign-in is rate limited per client address, even for the right password", async () => {
      const person = await newUser();
      const address = `192.0.2.${50 + net}`;
      for (let attempt = 0; attempt < 3; attempt++) assert.equal((await signIn(person.email, "wrong-password-123", address)).status, 401);
      assert.equal((await signIn(person.email, PASSWORD, address)).status, 429);
      assert.equal((await signIn(person.email, PASSWORD, `192.0.2.${51 + net}`)).status, 200, "another address is not limited");
    });

    test("API tokens: shown once, stored hashed, act with the user's roles, revocable", async () => {
      const person = await newUser(["team-member"]);
      const { cookie } = await signIn(person.email, PASSWORD, `198.51.100.${4 + net}`);
      const created = await call(tokens.POST, { as: { cookie }, body: { name: "pipeline", expiresInDays: 30 } });
      assert.equal(created.status, 201, created.text);
      const secret = created.json.token as string;
      assert.match(secret, /^kd_[A-Za-z0-9_-]{43}$/);
      const stored = await database.db.apiToken.findUniqueOrThrow({ where: { id: created.json.view.id } });
      assert.notEqual(stored.tokenHash, secret);
      assert.ok(!JSON.stringify(stored).includes(secret.slice(3)), "the token itself is not stored");
      const listed = await call(tokens.GET, { as: { cookie } });
      assert.ok(!listed.text.includes(secret), "listing never shows the token again");

      const asToken = await call(me.GET, { as: { token: secret } });
      assert.equal(asToken.status, 200);
      assert.deepEqual(asToken.json.roles, ["team-member"]);
      assert.equal(asToken.json.via, "token");
      assert.equal((await call(users.GET, { as: { token: secret } })).status, 403, "a token has its user's roles, no more");

      assert.equal((await call(token.DELETE, { method: "DELETE", as: { cookie }, params: { tokenId: stored.id } })).status, 200);
      assert.equal((await call(me.GET, { as: { token: secret } })).status, 401);
      assert.equal((await call(me.GET, { as: { token: "kd_not-a-real-token" } })).status, 401);
    });

    test("an expired token is refused, and another user's token id answers like an unknown one", async () => {
      const person = await newUser();
      const { cookie } = await signIn(person.email, PASSWORD, `198.51.100.${5 + net}`);
      const created = await call(tokens.POST, { as: { cookie }, body: { name: "short", expiresInDays: 1 } });
      await database.db.apiToken.update({ where: { id: created.json.view.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
      assert.equal((await call(me.GET, { as: { token: created.json.token } })).status, 401);
      const foreign = await call(token.DELETE, { method: "DELETE", params: { tokenId: created.json.view.id } }); // as an admin, not the owner
      assert.equal(foreign.status, 404);
    });

    test("an administrator cannot remove their own administrator role or disable themselves", async () => {
      const admin = await newUser(["admin"]);
      const { cookie } = await signIn(admin.email, PASSWORD, `198.51.100.${6 + net}`);
      const demote = await call(user.PATCH, { method: "PATCH", as: { cookie }, params: { userId: admin.id }, body: { roles: ["team-member"] } });
      assert.equal(demote.status, 409);
      assert.deepEqual((await database.db.user.findUniqueOrThrow({ where: { id: admin.id } })).roles, "admin");
    });

    test("creating a user with a short password or a taken email gives field errors and creates nothing", async () => {
      const before = await database.db.user.count();
      const short = await call(users.POST, { body: { name: "X", email: "x@example.com", password: "short", roles: [] } });
      assert.equal(short.status, 422);
      assert.deepEqual(
        short.json.issues.map((issue: { path: string }) => issue.path),
        ["password"],
      );
      const existing = await newUser();
      const taken = await call(users.POST, { body: { name: "Y", email: existing.email, password: PASSWORD, roles: [] } });
      assert.equal(taken.status, 422);
      assert.equal(taken.json.issues[0].path, "email");
      assert.equal(await database.db.user.count(), before + 1);
    });
  });

  describe(`first run on ${provider}`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await createTestDatabase(provider);
      installTestContext(database);
    });
    after(async () => database.cleanup());

    test("the setup link creates the first administrator once, signs them in, and never works again", async () => {
      const { db, auth } = appContext();
      const printed: string[] = [];
      const write = process.stdout.write.bind(process.stdout);
      process.stdout.write = ((chunk: string) => (printed.push(String(chunk)), true)) as typeof process.stdout.write;
      let result;
      try {
        result = await prepareFirstRun(db, auth, { publicUrl: TEST_ORIGIN }, logger());
      } finally {
        process.stdout.write = write;
      }
      assert.equal(result.kind, "setup-link");
      const url = new URL(result.kind === "setup-link" ? result.url : "");
      assert.ok(printed.join("").includes(url.toString()), "the link is printed on the console");
      const secret = url.searchParams.get("token")!;
      assert.ok(!JSON.stringify(await db.serverSetting.findMany()).includes(secret), "only the link's hash is stored");

      const body = { name: "First Admin", email: "first@example.com", password: PASSWORD };
      const wrong = await call(setup.POST, { as: "anonymous", body: { ...body, token: "nope" } });
      assert.equal(wrong.status, 400);
      assert.equal(await db.user.count(), 0);
      const done = await call(setup.POST, { as: "anonymous", body: { ...body, token: secret } });
      assert.equal(done.status, 200, done.text);
      const cookie = done.headers
        .getSetCookie()
        .map((line) => line.split(";")[0])
        .join("; ");
      const whoami = await call(me.GET, { as: { cookie } });
      assert.deepEqual(whoami.json.roles, ["admin"]);
      const again = await call(setup.POST, { as: "anonymous", body: { ...body, email: "second@example.com", token: secret } });
      assert.equal(again.status, 409);
      assert.equal((await prepareFirstRun(db, auth, { publicUrl: TEST_ORIGIN }, logger())).kind, "ready");
    });

    test("KDEPLOY_ADMIN_EMAIL / KDEPLOY_ADMIN_PASSWORD create the administrator without a browser, on an empty database only", async () => {
      const fresh = await createTestDatabase(provider);
      try {
        installTestContext(fresh);
        const { db, auth } = appContext();
        const created = await prepareFirstRun(db, auth, { publicUrl: TEST_ORIGIN, initialAdmin: { email: "ops@example.com", password: PASSWORD } }, logger());
        assert.deepEqual(created, { kind: "created", email: "ops@example.com" });
        assert.equal((await signIn("ops@example.com", PASSWORD, `198.51.100.${9 + net}`)).status, 200);
        const again = await prepareFirstRun(db, auth, { publicUrl: TEST_ORIGIN, initialAdmin: { email: "other@example.com", password: PASSWORD } }, logger());
        assert.equal(again.kind, "ready");
        assert.equal(await db.user.count(), 1);
      } finally {
        await fresh.cleanup();
        installTestContext(database);
      }
    });
  });
}
