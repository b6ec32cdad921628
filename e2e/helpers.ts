// Shared steps of the browser tests: unique names, screenshots kept for people to look at.
import { expect, type Page } from "@playwright/test";

export const unique = (prefix: string) => `${prefix} ${Math.random().toString(36).slice(2, 7)}`;

const database = process.env.E2E_DATABASE === "postgresql" ? "postgresql" : "sqlite";

/** Full-page screenshot under e2e/.artifacts/screenshots/<database>/<name>.png (git-ignored). */
export async function snap(page: Page, name: string) {
  await page.screenshot({ path: `e2e/.artifacts/screenshots/${database}/${name}.png`, fullPage: true });
}

export async function saveStep(page: Page) {
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Saved. Create a new release to deploy these changes.")).toBeVisible();
}

export async function createProject(page: Page, name: string): Promise<string> {
  await page.goto("/projects/new");
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  const id = /\/projects\/([^/?#]+)/.exec(page.url())?.[1];
  if (!id) throw new Error(`not on a project page: ${page.url()}`);
  return id;
}

export async function newStep(page: Page, projectId: string, type: string, name: string) {
  await page.goto(`/projects/${projectId}/steps/new?type=${type}`);
  await page.getByLabel("Step name").fill(name);
}
