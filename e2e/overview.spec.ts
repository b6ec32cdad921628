// The deployment overview against the sandbox cluster: the deployment page opens on Kubernetes
// Object Status (the tab in the URL), its header shows each step as a segment with its duration,
// each step has a status timeline (live, then frozen) whose segments match the stored transitions,
// hovering or focusing a segment tells its status and message, the snapshot page shows the same
// timeline, and the deployments list filters (in the URL, validated) and pages.
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { snap, unique } from "./helpers.ts";
import { registerSandbox, sandboxStateFile as stateFile } from "./sandbox-environment.ts";

type SnapshotObject = { objectKey: string; topLevel: boolean; kind: string; name: string; timeline: { at: string; status: string; message: string }[] };

/** Screenshots for the person reviewing (besides e2e/.artifacts): KDEPLOY_SHOTS_DIR, when set. */
async function shot(page: Page, name: string) {
  await snap(page, name);
  const directory = process.env.KDEPLOY_SHOTS_DIR;
  if (!directory) return;
  mkdirSync(directory, { recursive: true });
  await page.screenshot({ path: join(directory, `${name}.png`), fullPage: true });
}

test.beforeEach(() => {
  test.skip(!existsSync(stateFile), "needs the sandbox cluster: run `npm run sandbox` (scripts/test-all.sh does)");
});

const sandboxEnvironment = (request: APIRequestContext) => registerSandbox(request, unique("overview sandbox"));

const appYaml = (namespace: string) => `apiVersion: v1
kind: Namespace
metadata: { name: ${namespace} }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: settings, namespace: ${namespace} }
data: { mode: "overview" }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: ${namespace} }
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata:
      labels: { app: web }
      annotations: { "sandbox.kdeploy.dev/ready-after": "8s" }
    spec: { containers: [{ name: app, image: "nginx:1.27" }] }
`;

/** A project with one YAML step and a release; returns what a deployment needs. */
async function projectWithRelease(request: APIRequestContext, name: string, yaml: string, { timeoutSeconds = 120 } = {}) {
  const project = await request.post("/api/projects", { data: { name } });
  expect(project.ok()).toBe(true);
  const projectId = ((await project.json()) as { id: string }).id;
  const step = await request.post(`/api/projects/${projectId}/steps`, {
    data: {
      type: "kubernetes-yaml",
      name: "Deploy app",
      config: { source: "inline", yaml },
      verification: { enabled: true, timeoutEnabled: true, timeoutSeconds, stabilizationSeconds: 4 },
    },
  });
  expect(step.ok(), await step.text()).toBe(true);
  const release = await request.post(`/api/projects/${projectId}/releases`, { data: {} });
  expect(release.ok()).toBe(true);
  return { projectId, releaseId: ((await release.json()) as { id: string }).id };
}

async function deploy(request: APIRequestContext, projectId: string, releaseId: string, environmentId: string): Promise<string> {
  const deployment = await request.post(`/api/projects/${projectId}/deployments`, { data: { releaseId, environmentId } });
  expect(deployment.ok(), await deployment.text()).toBe(true);
  return ((await deployment.json()) as { id: string }).id;
}

/** The segments of one lane as the page draws them: status and start time, unknown spans left out. */
async function drawnSegments(page: Page, scope: string, key: string): Promise<{ status: string; start: string }[]> {
  return page
    .locator(`${scope} [data-lane="${key}"] button`)
    .evaluateAll((buttons) =>
      buttons
        .map((button) => ({ status: button.getAttribute("data-status") ?? "", start: button.getAttribute("data-start") ?? "" }))
        .filter((segment) => segment.status !== "unknown"),
    );
}

/** The stored transitions as segments: repeats of the same status and message merged, clipped to the step's start. */
function expectedSegments(object: SnapshotObject, stepStartedAt: string): { status: string; start: string }[] {
  const merged: SnapshotObject["timeline"] = [];
  for (const entry of object.timeline) {
    const last = merged[merged.length - 1];
    if (!last || last.status !== entry.status || last.message !== entry.message) merged.push(entry);
  }
  const start = Date.parse(stepStartedAt);
  return merged.map((entry) => ({ status: entry.status, start: new Date(Math.max(Date.parse(entry.at), start)).toISOString() }));
}

test("the deployment page opens on object status, shows the steps in its header and a timeline that matches the stored transitions", async ({
  page,
  request,
}) => {
  const environmentId = await sandboxEnvironment(request);
  const namespace = `e2e-overview-${Math.random().toString(36).slice(2, 8)}`;
  const { projectId, releaseId } = await projectWithRelease(request, unique("Overview"), appYaml(namespace));
  const deploymentId = await deploy(request, projectId, releaseId, environmentId);

  await page.goto(`/deployments/${deploymentId}`);
  await expect(page.getByRole("tab", { name: "Kubernetes Object Status" })).toHaveAttribute("aria-selected", "true");
  const steps = page.getByRole("list", { name: "Steps" });
  await expect(steps.getByRole("listitem")).toHaveCount(1);

  // Live: the header segment runs, the timeline grows while the Deployment waits for its pod.
  const section = page.locator("section[data-step-run]");
  await expect(steps.getByText("Running")).toBeVisible({ timeout: 30_000 });
  await expect(section.getByRole("heading", { name: "Status timeline (live)" })).toBeVisible({ timeout: 30_000 });
  const liveLane = section.getByRole("group", { name: new RegExp(`Deployment ${namespace}/web: status over time`) });
  await expect(liveLane.locator('button[data-status="InProgress"]').first()).toBeVisible();
  // With the page data (refreshed while running) comes the running tracker's history: the
  // Deployment has been in progress since tracking started, when the Namespace became Success.
  const firstStart = (kind: string, status: string) =>
    section
      .getByRole("group", { name: new RegExp(`^${kind} `) })
      .locator(`button[data-status="${status}"]`)
      .first()
      .getAttribute("data-start");
  await expect.poll(async () => (await firstStart("Deployment", "InProgress")) === (await firstStart("Namespace", "Success")), { timeout: 6_000 }).toBe(true);
  await expect(section.getByRole("heading", { name: "Status timeline (live)" })).toBeVisible();
  await expect(steps.getByText(/\d+ s so far/)).toBeVisible();
  await shot(page, "deployment-running-timeline");

  // Finished: the header says how long the step took, the timeline is the stored one.
  await expect(steps.getByText("Succeeded")).toBeVisible({ timeout: 60_000 });
  await expect(section.getByRole("heading", { name: "Status timeline", exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(steps.getByText(/^\d+ s$|^\d+ min \d+ s$/)).toBeVisible();

  const view = (await (await request.get(`/api/deployments/${deploymentId}`)).json()) as { steps: { id: string; startedAt: string }[] };
  const stepRun = view.steps[0]!;
  const snapshot = await request.get(`/api/audit/snapshots/${stepRun.id}`);
  expect(snapshot.ok()).toBe(true);
  const objects = ((await snapshot.json()) as { objects: SnapshotObject[] }).objects.filter((object) => object.topLevel);
  expect(objects.map((object) => object.kind).sort()).toEqual(["ConfigMap", "Deployment", "Namespace"]);
  const webObject = objects.find((object) => object.kind === "Deployment")!;
  expect(webObject.timeline.some((entry) => entry.status === "InProgress")).toBe(true);
  for (const object of objects) {
    expect(await drawnSegments(page, "section[data-step-run]", object.objectKey), `${object.kind} ${object.name}`).toEqual(
      expectedSegments(object, stepRun.startedAt),
    );
  }
  await expect(section.locator('[data-mark="stabilization"]')).toHaveCount(1);

  // Hover and keyboard: the segment's status, message and span.
  const lane = section.getByRole("group", { name: new RegExp(`Deployment ${namespace}/web: status over time`) });
  await lane.locator('button[data-status="Success"]').last().hover();
  const tip = page.getByRole("tooltip");
  await expect(tip).toContainText("Success");
  await expect(tip).toContainText(/\d\d:\d\d:\d\d UTC to \d\d:\d\d:\d\d UTC/);
  await shot(page, "deployment-finished-timeline");
  await page.mouse.move(0, 0);
  await lane.locator('button[tabindex="0"]').focus();
  await page.keyboard.press("Home");
  const firstKnown = webObject.timeline[0]!;
  await expect(page.getByRole("tooltip")).toContainText(/Not observed yet|In progress/);
  const firstStatus = await lane.locator("button").first().getAttribute("data-status");
  if (firstStatus === "unknown") await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("tooltip")).toContainText("In progress");
  if (firstKnown.message) await expect(page.getByRole("tooltip")).toContainText(firstKnown.message);

  // The text alternative says the same.
  await section.getByText("Timeline as text").click();
  await expect(section.locator("details").getByText(new RegExp(`Deployment ${namespace}/web`))).toBeVisible();

  // The tab is in the URL: the Task log can be linked, and choosing a tab writes it.
  await page.goto(`/deployments/${deploymentId}?tab=log`);
  await expect(page.getByRole("tab", { name: "Task log" })).toHaveAttribute("aria-selected", "true");
  await page.getByRole("tab", { name: "Kubernetes Object Status" }).click();
  await expect(page).toHaveURL(/[?&]tab=status/);

  // The snapshot page draws the same stored timeline.
  await page.goto(`/audit/snapshots/${stepRun.id}`);
  await expect(page.getByRole("heading", { name: "Status timeline", exact: true })).toBeVisible();
  expect(await drawnSegments(page, "body", webObject.objectKey)).toEqual(expectedSegments(webObject, stepRun.startedAt));
  await shot(page, "snapshot-timeline");
});

test("the deployments list filters by project, environment and outcome in the URL, says when nothing matches, refuses bad values and pages", async ({
  page,
  request,
}) => {
  const environmentId = await sandboxEnvironment(request);
  const name = unique("Listed");
  const { projectId, releaseId } = await projectWithRelease(request, name, appYaml(`e2e-list-${Math.random().toString(36).slice(2, 8)}`));
  const deploymentId = await deploy(request, projectId, releaseId, environmentId);
  await expect
    .poll(async () => ((await (await request.get(`/api/deployments/${deploymentId}`)).json()) as { status: string }).status, { timeout: 60_000 })
    .toBe("Succeeded");

  // The form with the keyboard: pick the project and the outcome, submit with Enter.
  await page.goto("/deployments");
  const form = page.getByRole("form", { name: "Filter deployments" });
  await form.getByLabel("Project").focus();
  await form.getByLabel("Project").selectOption({ label: name });
  await form.getByLabel("Outcome").selectOption("succeeded");
  await form.getByRole("button", { name: "Apply filters" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`project=${projectId}.*outcome=succeeded`));
  const rows = page.locator("tbody tr[data-deployment]");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-deployment", deploymentId);
  await expect(rows.first().getByRole("list", { name: "Step outcomes" }).getByText("1. Deploy app: Succeeded")).toBeAttached();
  await expect(rows.first().getByText(/^\d+ s$/)).toBeVisible();
  await expect(form.getByLabel("Project")).toHaveValue(projectId);
  await shot(page, "deployments-list-filtered");

  await page.goto(`/deployments?project=${projectId}&environment=${environmentId}&outcome=failed`);
  await expect(page.getByText("No deployment matches these filters")).toBeVisible();
  await shot(page, "deployments-list-empty");

  await page.goto(`/deployments?outcome=exploded&page=abc`);
  const alert = page.getByRole("alert").filter({ hasText: "These filters are not valid" });
  await expect(alert).toContainText("These filters are not valid");
  await expect(alert).toContainText("Outcome must be one of: running, succeeded, failed, not-executed, cancelled");
  await expect(alert).toContainText("Page must be a number");
  await shot(page, "deployments-list-invalid");

  // A page beyond the last one is an empty page with a way back, not an error.
  await page.goto(`/deployments?project=${projectId}&page=3`);
  await expect(page.getByText("No deployments on this page")).toBeVisible();
  await page.goto(`/deployments`);
  await expect(page.getByRole("navigation", { name: "Pages" })).toContainText(/page 1 of \d+/);
  await shot(page, "deployments-list");
});

test("a step that times out ends its lanes Timed out at the timeout line, in the timeline and in the header", async ({ page, request }) => {
  const environmentId = await sandboxEnvironment(request);
  const namespace = `e2e-timeout-${Math.random().toString(36).slice(2, 8)}`;
  const yaml = appYaml(namespace).replace('"sandbox.kdeploy.dev/ready-after": "8s"', '"sandbox.kdeploy.dev/ready-after": "600s"');
  const { projectId, releaseId } = await projectWithRelease(request, unique("Timing out"), yaml, { timeoutSeconds: 8 });
  const deploymentId = await deploy(request, projectId, releaseId, environmentId);

  await page.goto(`/deployments/${deploymentId}`);
  const steps = page.getByRole("list", { name: "Steps" });
  await expect(steps.getByText("Timed out")).toBeVisible({ timeout: 60_000 });
  const section = page.locator("section[data-step-run]");
  await expect(section.getByRole("heading", { name: "Status timeline", exact: true })).toBeVisible({ timeout: 15_000 });
  const lane = section.getByRole("group", { name: new RegExp(`Deployment ${namespace}/web: status over time`) });
  await expect(lane.locator("button").last()).toHaveAttribute("data-status", "TimedOut");
  await expect(section.locator('[data-mark="deadline"]')).toHaveCount(1);
  await expect(section.getByText("Timeout", { exact: true })).toBeVisible();
  await shot(page, "deployment-timed-out-timeline");
});
