// First run: a server on an empty database prints a one-time setup link on its console; the link
// opens the form that creates the first administrator, who lands signed in on the projects page.
// The link works once. The spec starts that server itself (e2e/fresh-server.ts: own port, own
// SQLite database, no KDEPLOY_ADMIN_*), and stops it by pid at the end.
import { expect, test } from "./fixtures.ts";
import { snap } from "./helpers.ts";
import { startFreshServer, type FreshServer } from "./fresh-server.ts";
import { firstRunPort } from "./run-settings.ts";

test.use({ storageState: { cookies: [], origins: [] } });

let server: FreshServer | undefined;

test.beforeAll(async () => {
  server = await startFreshServer({ port: firstRunPort });
});

test.afterAll(async () => {
  await server?.stop();
});

test("the setup link printed at start creates the first administrator, once", async ({ page }) => {
  const { url, setupLink } = server!;
  const administrator = { name: "Fiona First", email: "fiona@first-run.e2e.kdeploy.dev", password: "first-run-password-42" };

  // Before setup nobody can sign in, and the sign-in page says where the link is.
  await page.goto(`${url}/`);
  await expect(page).toHaveURL(`${url}/sign-in?next=%2F`);
  await expect(page.getByText("No users yet")).toBeVisible();

  await page.goto(setupLink);
  await expect(page.getByRole("heading", { name: "Create the first administrator" })).toBeVisible();
  await page.getByLabel("Your name").fill(administrator.name);
  await page.getByLabel("Email").fill(administrator.email);
  await page.getByLabel("Password", { exact: true }).fill(administrator.password);
  await page.getByLabel("Password again").fill(administrator.password);
  await snap(page, "first-run-setup");
  await page.getByRole("button", { name: "Create administrator and sign in" }).click();

  await expect(page).toHaveURL(`${url}/`);
  await expect(page.getByRole("heading", { name: "Projects", level: 1 })).toBeVisible();
  const navigation = page.getByRole("navigation", { name: "Main" });
  await expect(navigation.getByRole("link", { name: `${administrator.name} (Administrator)` })).toBeVisible();
  await expect(navigation.getByRole("link", { name: "Users", exact: true })).toBeVisible();
  await snap(page, "first-run-signed-in");

  // The same link again: setup is done, the form is gone.
  await page.goto(setupLink);
  await expect(page.getByText("Setup is done")).toBeVisible();
  await expect(page.getByRole("button", { name: "Create administrator and sign in" })).toHaveCount(0);
  await snap(page, "first-run-done");
});
