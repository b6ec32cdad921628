// Signs the administrator (created by the server at start, e2e/serve.ts) in through the real
// sign-in form and keeps the session for the specs (playwright.config.ts: storageState).
import { test as setup, expect } from "@playwright/test";
import { signIn } from "./fixtures.ts";
import { ADMIN, ADMIN_STORAGE_STATE } from "./run-settings.ts";

setup("the administrator signs in", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in\?next=%2F$/);
  await signIn(page, ADMIN);
  const navigation = page.getByRole("navigation", { name: "Main" });
  await expect(navigation.getByRole("link", { name: "Users", exact: true })).toBeVisible();
  await expect(navigation.getByRole("link", { name: /^Administrator/ })).toBeVisible();
  await page.context().storageState({ path: ADMIN_STORAGE_STATE });
});
