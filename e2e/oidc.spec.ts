// Single sign-on against a real OpenID Connect provider on 127.0.0.1 (e2e/oidc/provider.ts,
// started by e2e/serve.ts): an administrator maps the provider's group "kdeploy-auditors" to the
// Auditor role in the browser; Olivia, in that group, signs in through the provider's own login
// and consent pages and lands in kdeploy as an auditor. Rick's group is not mapped: he gets in,
// with no role.
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { snap } from "./helpers.ts";
import { OIDC_ACCOUNTS, type IdentityAccount } from "./oidc/accounts.ts";
import { OIDC_CLIENT, oidcPort } from "./run-settings.ts";

const providerOrigin = `http://127.0.0.1:${oidcPort}`;

async function signedOutPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  return context.newPage();
}

/** kdeploy's sign-in page → the provider's login page → its consent page → back in kdeploy. */
async function signInWithProvider(page: Page, account: IdentityAccount, screenshots = false) {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: `Sign in with ${OIDC_CLIENT.name}` }).click();
  await expect(page).toHaveURL(new RegExp(`^${providerOrigin}/interaction/`));
  await page.getByPlaceholder("Enter any login").fill(account.login);
  await page.getByPlaceholder("and password").fill("any password the test provider accepts");
  if (screenshots) await snap(page, "oidc-provider-login");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await expect(page.getByRole("button", { name: "Continue" })).toBeVisible();
  if (screenshots) await snap(page, "oidc-provider-consent");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).not.toHaveURL(new RegExp(`^${providerOrigin}`));
}

test("a mapped group gives the role: Olivia signs in with single sign-on and lands as an auditor", async ({ page, browser }) => {
  const olivia = OIDC_ACCOUNTS.olivia;
  await page.goto("/admin/users");
  const mappingForm = page.getByRole("form", { name: "New group mapping" });
  await mappingForm.getByLabel("Group").fill("kdeploy-auditors");
  await mappingForm.getByLabel("Role").selectOption({ label: "Auditor" });
  await mappingForm.getByRole("button", { name: "Add mapping" }).click();
  await expect(page.getByRole("button", { name: "Remove kdeploy-auditors → Auditor" })).toBeVisible();
  await snap(page, "oidc-group-mapping");

  const oliviaPage = await signedOutPage(browser);
  try {
    await signInWithProvider(oliviaPage, olivia, true);
    // An auditor's start page is the audit browser.
    await expect(oliviaPage).toHaveURL("/audit");
    const navigation = oliviaPage.getByRole("navigation", { name: "Main" });
    await expect(navigation.getByRole("link")).toHaveText(["kdeploy", "Deployments", "Environments", "Audit", `${olivia.name} (Auditor)`]);
    await expect(navigation.getByRole("link", { name: "Projects" })).toHaveCount(0);
    await snap(oliviaPage, "oidc-signed-in-auditor");
    await oliviaPage.goto("/account");
    await expect(oliviaPage.getByText(`${olivia.email} · Auditor`)).toBeVisible();
    expect((await oliviaPage.request.get("/api/projects")).status()).toBe(403);
  } finally {
    await oliviaPage.context().close();
  }

  // The administrator sees where the role comes from: the provider's groups, no role of her own.
  await page.goto("/admin/users");
  const row = page.getByRole("row").filter({ hasText: olivia.email });
  await expect(row).toContainText("groups: kdeploy-auditors, everyone");
  await expect(row).toContainText("No role");
});

test("an unmapped group gives no role: Rick gets in, and may open nothing", async ({ browser }) => {
  const rick = OIDC_ACCOUNTS.rick;
  const rickPage = await signedOutPage(browser);
  try {
    await signInWithProvider(rickPage, rick);
    await expect(rickPage.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText(["kdeploy", `${rick.name} (no role)`]);
    await expect(rickPage.getByRole("heading", { name: "Your role does not allow this page" })).toBeVisible();
    expect((await rickPage.request.get("/api/projects")).status()).toBe(403);
  } finally {
    await rickPage.context().close();
  }
});
