// The specs' `test`: Playwright's, with an API client that acts like the app's own pages. It
// carries the signed-in administrator's session (the project's storageState) and the app's Origin,
// which the server requires on every state-changing request made with a session cookie.
import { test as base, expect, type Page } from "@playwright/test";

export { expect };

export const test = base.extend({
  // (The fixture callback is named `provide`, not Playwright's usual `use`: React's hook rule would read it as a hook.)
  request: async ({ playwright, baseURL, storageState }, provide) => {
    const request = await playwright.request.newContext({ baseURL, storageState, extraHTTPHeaders: baseURL ? { origin: baseURL } : {} });
    await provide(request);
    await request.dispose();
  },
});

/** Signs in through the sign-in form, as a person would; the caller checks where it lands. */
export async function signIn(page: Page, account: { email: string; password: string }) {
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}
