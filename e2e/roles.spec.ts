// Each role signs in through the form and sees only what it may do: its navigation links, no
// buttons it could not use, the 403 page for a direct URL, a 403 from the API. The administrator
// (signed in by e2e/auth.setup.ts) creates the people, two environments and a released project
// through the API first. Also: a wrong password, signing out, and a deep link that survives
// sign-in.
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures.ts";
import { snap, unique } from "./helpers.ts";
import { ADMIN_STORAGE_STATE, appUrl } from "./run-settings.ts";

type Person = { name: string; email: string; password: string };

const suffix = Math.random().toString(36).slice(2, 7);
const person = (name: string, login: string): Person => ({ name, email: `${login}.${suffix}@e2e.kdeploy.dev`, password: `${login}-password-${suffix}` });

const people = {
  admin: person("Ada Admin", "ada"),
  releaseManager: person("Rita Release", "rita"),
  teamMember: person("Tom Team", "tom"),
  auditor: person("Audrey Audit", "audrey"),
};

const FORBIDDEN_HEADING = "Your role does not allow this page";
const signedOut = { storageState: { cookies: [], origins: [] } };

let api: APIRequestContext;
const seeded = { stagingName: `staging-${suffix}`, productionName: `production-${suffix}`, stagingId: "", productionId: "", projectId: "", releaseId: "" };

async function created<T>(response: Awaited<ReturnType<APIRequestContext["post"]>>): Promise<T> {
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as T;
}

test.beforeAll(async ({ playwright }) => {
  api = await playwright.request.newContext({ baseURL: appUrl, storageState: ADMIN_STORAGE_STATE, extraHTTPHeaders: { origin: appUrl } });
  // Environments need a target to appear in the deploy form; nothing connects to it here.
  const target = { authKind: "token", serverUrl: "https://127.0.0.1:1", token: "e2e-unused-token", defaultNamespace: "default" };
  seeded.stagingId = (await created<{ id: string }>(await api.post("/api/environments", { data: { name: seeded.stagingName, target } }))).id;
  seeded.productionId = (await created<{ id: string }>(await api.post("/api/environments", { data: { name: seeded.productionName, target } }))).id;

  seeded.projectId = (await created<{ id: string }>(await api.post("/api/projects", { data: { name: unique("Storefront") } }))).id;
  await created(
    await api.post(`/api/projects/${seeded.projectId}/steps`, {
      data: {
        type: "kubernetes-yaml",
        name: "App settings",
        config: { source: "inline", yaml: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  LEVEL: info\n" },
      },
    }),
  );
  seeded.releaseId = (await created<{ id: string }>(await api.post(`/api/projects/${seeded.projectId}/releases`, { data: {} }))).id;

  const roles = [
    { who: people.admin, roles: ["admin"], deployEnvironmentIds: null },
    { who: people.releaseManager, roles: ["release-manager"], deployEnvironmentIds: [seeded.stagingId] },
    { who: people.teamMember, roles: ["team-member"], deployEnvironmentIds: null },
    { who: people.auditor, roles: ["auditor"], deployEnvironmentIds: null },
  ];
  for (const { who, ...grant } of roles)
    await created(await api.post("/api/users", { data: { name: who.name, email: who.email, password: who.password, ...grant } }));
});

test.afterAll(async () => {
  await api?.dispose();
});

/** Every link of the main navigation, in order: the home link, the role's places, the account link. */
async function expectNavigation(page: Page, who: Person, roleLabel: string, places: string[]) {
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText(["kdeploy", ...places, `${who.name} (${roleLabel})`]);
}

async function expectForbiddenPage(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(403);
  await expect(page.getByRole("heading", { name: FORBIDDEN_HEADING })).toBeVisible();
}

/** A state-changing API call from the signed-in page's own session, as its scripts would send it. */
const postAsPage = (page: Page, path: string, data: unknown) => page.request.post(path, { data, headers: { origin: appUrl } });

async function signInAtStart(page: Page, who: Person) {
  await page.goto("/sign-in");
  await signIn(page, who);
}

test("the administrator's users page lists everyone with their roles", async ({ page }) => {
  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { name: "Users and roles", level: 1 })).toBeVisible();
  const row = (who: Person) => page.getByRole("row").filter({ hasText: who.email });
  await expect(row(people.releaseManager)).toContainText("Release manager");
  await expect(row(people.releaseManager)).toContainText(`deploys to ${seeded.stagingName}`);
  await expect(row(people.teamMember)).toContainText("Team member");
  await expect(row(people.auditor)).toContainText("Auditor");
  await snap(page, "admin-users");
});

test.describe("signed out", () => {
  test.use(signedOut);

  test("a deep link leads to sign-in and back to the same page afterwards", async ({ page }) => {
    await page.goto(`/projects/${seeded.projectId}`);
    await expect(page).toHaveURL(`/sign-in?next=${encodeURIComponent(`/projects/${seeded.projectId}`)}`);
    await expect(page.getByRole("heading", { name: "Sign in to kdeploy" })).toBeVisible();
    await snap(page, "sign-in");
    await signIn(page, people.teamMember);
    await expect(page).toHaveURL(`/projects/${seeded.projectId}`);
    await expect(page.getByRole("heading", { name: /^Storefront/, level: 1 })).toBeVisible();
  });

  test("a wrong password is refused with a message that says so", async ({ page }) => {
    await page.goto("/sign-in");
    await signIn(page, { email: people.teamMember.email, password: "not-the-right-password" });
    await expect(page.getByText("Wrong email or password.")).toBeVisible();
    await expect(page).toHaveURL("/sign-in");
    await snap(page, "sign-in-error");
    // And the API still does not know this browser.
    expect((await page.request.get("/api/projects")).status()).toBe(401);
  });

  test("signing out ends the session: protected pages ask for sign-in again", async ({ page }) => {
    await signInAtStart(page, people.teamMember);
    await expect(page.getByRole("heading", { name: "Projects", level: 1 })).toBeVisible();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL("/sign-in");
    await page.goto("/deployments");
    await expect(page).toHaveURL(`/sign-in?next=${encodeURIComponent("/deployments")}`);
    expect((await page.request.get("/api/projects")).status()).toBe(401);
  });
});

test.describe("each role", () => {
  test.use(signedOut);

  test("administrator: every place, every button, and an API token shown once", async ({ page }) => {
    await signInAtStart(page, people.admin);
    await expect(page).toHaveURL("/");
    await expectNavigation(page, people.admin, "Administrator", ["Projects", "Deployments", "Environments", "Audit", "Users", "Settings"]);
    await expect(page.getByRole("link", { name: "Create project" })).toBeVisible();
    await snap(page, "start-administrator");

    // The buttons the other roles must not see exist for the administrator (so their absence
    // below is about the role, not about a renamed button).
    await page.goto(`/projects/${seeded.projectId}`);
    await expect(page.getByRole("link", { name: "Create release" }).first()).toBeVisible();
    await expect(page.getByRole("link", { name: "Deploy…" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Add step" })).toBeVisible();

    await page.goto("/account");
    await expect(page.getByText(`${people.admin.email} · Administrator`)).toBeVisible();
    await page.getByLabel("Token name").fill("release pipeline");
    await page.getByRole("button", { name: "Create token" }).click();
    const token = (await page.getByTestId("new-token").textContent())?.trim() ?? "";
    expect(token).toMatch(/^kd_/);
    await snap(page, "account-token-created");
    // The token works as the administrator, and is never shown again.
    const asToken = await page.request.get("/api/projects", { headers: { authorization: `Bearer ${token}` } });
    expect(asToken.status()).toBe(200);
    await page.reload();
    await expect(page.getByRole("cell", { name: "release pipeline", exact: true })).toBeVisible();
    expect(await page.content()).not.toContain(token);
  });

  test("release manager: projects and deployments, deploys only to the allowed environment", async ({ page }) => {
    await signInAtStart(page, people.releaseManager);
    await expect(page).toHaveURL("/");
    await expectNavigation(page, people.releaseManager, "Release manager", ["Projects", "Deployments", "Environments", "Audit"]);
    await snap(page, "start-release-manager");

    await page.goto(`/projects/${seeded.projectId}/deploy`);
    await expect(page.getByLabel("Environment").getByRole("option")).toHaveText(["Choose an environment…", `${seeded.stagingName} (namespace default)`]);
    await snap(page, "release-manager-deploy-form");

    await expectForbiddenPage(page, "/admin/users");
    // Production is not among this person's environments: the server refuses it, not only the form.
    const toProduction = await postAsPage(page, `/api/projects/${seeded.projectId}/deployments`, {
      releaseId: seeded.releaseId,
      environmentId: seeded.productionId,
    });
    expect(toProduction.status(), await toProduction.text()).toBe(403);
    expect(
      (
        await postAsPage(page, "/api/users", { name: "Mallory", email: `mallory.${suffix}@e2e.kdeploy.dev`, password: "mallory-password-1", roles: ["admin"] })
      ).status(),
    ).toBe(403);
  });

  test("team member: reads projects, no button that changes anything, refused where it may not go", async ({ page }) => {
    await signInAtStart(page, people.teamMember);
    await expect(page).toHaveURL("/");
    await expectNavigation(page, people.teamMember, "Team member", ["Projects", "Deployments", "Environments"]);
    await expect(page.getByRole("heading", { name: "Projects", level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: "Create project" })).toHaveCount(0);
    await snap(page, "start-team-member");

    await page.goto(`/projects/${seeded.projectId}`);
    await expect(page.getByRole("heading", { name: /^Storefront/, level: 1 })).toBeVisible();
    await expect(page.getByRole("list", { name: "Deployment process steps" })).toContainText("App settings");
    await expect(page.getByRole("button", { name: "Add step" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Create release" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Deploy…" })).toHaveCount(0);

    for (const path of ["/projects/new", "/environments/new", "/admin/users"]) await expectForbiddenPage(page, path);
    await snap(page, "forbidden");
    expect((await postAsPage(page, "/api/projects", { name: unique("Not allowed") })).status()).toBe(403);
  });

  test("auditor: starts in the audit browser, no project pages, read-only API", async ({ page }) => {
    await signInAtStart(page, people.auditor);
    await expect(page).toHaveURL("/audit");
    await expectNavigation(page, people.auditor, "Auditor", ["Deployments", "Environments", "Audit"]);
    await expect(page.getByRole("heading", { name: /Results/ })).toBeVisible();
    await snap(page, "start-auditor");

    await expectForbiddenPage(page, `/projects/${seeded.projectId}`);
    expect((await page.request.get("/api/projects")).status()).toBe(403);
    expect((await page.request.get(`/api/projects/${seeded.projectId}`)).status()).toBe(403);
  });
});
