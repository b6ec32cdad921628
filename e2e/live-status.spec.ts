// The live Kubernetes Object Status tab against the sandbox cluster: rows appear and change while
// a step runs, the step freezes into a snapshot that survives a reload, failures show Error pods
// and a failure summary, HTML in messages stays text, and a dropped connection resumes to exactly
// the server's rows. Projects, steps and deployments are created through the API (the forms have
// their own tests); everything asserted here is what the browser shows.
import { existsSync } from "node:fs";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { snap, unique } from "./helpers.ts";
import { registerSandbox, sandboxStateFile as stateFile } from "./sandbox-environment.ts";

type ServerRow = { key: string; name: string; kind: string; status: string };
type ServerStep = { stepRunId: string; frozenAt: string | null; rows: ServerRow[] };
/** What the test hook exposes (components/object-status/use-live-deployment.ts). */
type TestWindow = { __kdeployExposeLiveSocket?: boolean; __kdeployLiveSocket?: { connect(): void; disconnect(): void; connected: boolean } };

let environmentId: string | null = null;

/** One environment for the sandbox, shared by the tests of this file. */
async function sandboxEnvironment(request: APIRequestContext): Promise<string> {
  environmentId ??= await registerSandbox(request, unique("live sandbox"));
  return environmentId;
}

test.beforeEach(async ({ page }) => {
  test.skip(!existsSync(stateFile), "needs the sandbox cluster: run `npm run sandbox` (scripts/test-all.sh does)");
  await page.addInitScript(() => {
    (window as unknown as TestWindow).__kdeployExposeLiveSocket = true;
  });
});

const newNamespace = () => `e2e-live-${Math.random().toString(36).slice(2, 8)}`;

function deploymentYaml(
  namespace: string,
  name: string,
  { replicas, podAnnotations = {}, podLabels = {} }: { replicas: number; podAnnotations?: Record<string, string>; podLabels?: Record<string, string> },
) {
  return `apiVersion: v1
kind: Namespace
metadata: { name: ${namespace} }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: ${namespace} }
spec:
  replicas: ${replicas}
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata:
      labels: ${JSON.stringify({ app: name, ...podLabels })}
      annotations: ${JSON.stringify(podAnnotations)}
    spec: { containers: [{ name: app, image: "nginx:1.27" }] }
`;
}

/** Creates a project with one YAML step, releases it and starts a deployment; returns its id. */
async function deploy(request: APIRequestContext, yaml: string, verification: { timeoutSeconds: number; stabilizationSeconds: number }): Promise<string> {
  const project = await request.post("/api/projects", { data: { name: unique("Live status") } });
  expect(project.ok()).toBe(true);
  const projectId = ((await project.json()) as { id: string }).id;
  const step = await request.post(`/api/projects/${projectId}/steps`, {
    data: {
      type: "kubernetes-yaml",
      name: "Deploy app",
      config: { source: "inline", yaml },
      verification: { enabled: true, timeoutEnabled: true, ...verification },
    },
  });
  expect(step.ok(), await step.text()).toBe(true);
  const release = await request.post(`/api/projects/${projectId}/releases`, { data: {} });
  expect(release.ok()).toBe(true);
  const releaseId = ((await release.json()) as { id: string }).id;
  const deployment = await request.post(`/api/projects/${projectId}/deployments`, { data: { releaseId, environmentId: await sandboxEnvironment(request) } });
  expect(deployment.ok(), await deployment.text()).toBe(true);
  return ((await deployment.json()) as { id: string }).id;
}

async function openObjectStatus(page: Page, deploymentId: string) {
  await page.goto(`/deployments/${deploymentId}`);
  await page.getByRole("tab", { name: "Kubernetes Object Status" }).click();
}

const objectTable = (page: Page) => page.getByRole("table", { name: /Kubernetes objects of/ });

/** The rows as the browser shows them: key, name and status of every rendered row. */
async function renderedRows(page: Page): Promise<string[]> {
  const rows = await page
    .locator("tbody tr[data-row-key]")
    .evaluateAll((elements) =>
      elements.map(
        (row) =>
          `${row.getAttribute("data-row-key")} ${row.querySelector("td button:not([aria-expanded])")?.textContent ?? ""} ${row.querySelector("[data-status]")?.getAttribute("data-status") ?? ""}`,
      ),
    );
  return rows.sort();
}

/** The same rows as the server has them (every row is shown: all parents start expanded). */
async function serverRows(request: APIRequestContext, deploymentId: string): Promise<{ rows: string[]; frozen: boolean }> {
  const response = await request.get(`/api/deployments/${deploymentId}/objects`);
  expect(response.ok()).toBe(true);
  const { steps } = (await response.json()) as { steps: ServerStep[] };
  return {
    rows: steps.flatMap((step) => step.rows.map((row) => `${row.key} ${row.name} ${row.status}`)).sort(),
    frozen: steps.every((step) => step.frozenAt !== null),
  };
}

test("a running deployment's rows go from In progress to Success, stabilize, freeze, and look the same after a reload", async ({ page, request }) => {
  const namespace = newNamespace();
  const deploymentId = await deploy(
    request,
    deploymentYaml(namespace, "checkout", { replicas: 2, podAnnotations: { "sandbox.kdeploy.dev/ready-after": "6s" } }),
    { timeoutSeconds: 120, stabilizationSeconds: 5 },
  );
  await openObjectStatus(page, deploymentId);

  const table = objectTable(page);
  const deploymentRow = table.getByRole("row").filter({ has: page.getByRole("button", { name: "checkout", exact: true }) });
  await expect(deploymentRow.getByText("In progress")).toBeVisible({ timeout: 30_000 });
  await expect(table.getByRole("row").filter({ hasText: "Pod" }).first()).toBeVisible();
  await expect(page.getByText("Live", { exact: true })).toBeVisible();
  await snap(page, "object-status-live");

  await expect(deploymentRow.getByText("Success")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/Stabilizing \(\d+ s left\)/)).toBeVisible();
  await snap(page, "object-status-stabilizing");
  await expect(page.getByText(/Snapshot taken at/)).toBeVisible({ timeout: 30_000 });
  await expect(table.getByText("In progress")).toHaveCount(0);
  await snap(page, "object-status-frozen");

  const frozen = await renderedRows(page);
  const server = await serverRows(request, deploymentId);
  expect(server.frozen).toBe(true);
  expect(frozen).toEqual(server.rows);

  await page.reload();
  await page.getByRole("tab", { name: "Kubernetes Object Status" }).click();
  await expect(page.getByText(/Snapshot taken at/)).toBeVisible();
  await expect.poll(() => renderedRows(page)).toEqual(frozen);
  // A finished deployment loads from the database alone: no socket is opened.
  expect(await page.evaluate(() => (window as unknown as TestWindow).__kdeployLiveSocket === undefined)).toBe(true);
  await expect(page.getByText("Live", { exact: true })).toHaveCount(0);
});

test("a crash-looping Deployment shows Error pods, times out, and the task log explains why", async ({ page, request }) => {
  const namespace = newNamespace();
  const deploymentId = await deploy(
    request,
    deploymentYaml(namespace, "payments", { replicas: 2, podLabels: { "sandbox.kdeploy.dev/behavior": "crashloop" } }),
    { timeoutSeconds: 15, stabilizationSeconds: 2 },
  );
  await openObjectStatus(page, deploymentId);

  const table = objectTable(page);
  const errorPods = table.getByRole("row").filter({ hasText: "Pod" }).filter({ hasText: "Error" });
  await expect(errorPods.first()).toBeVisible({ timeout: 30_000 });
  await expect(errorPods.first()).toContainText("CrashLoopBackOff");

  // The status filter narrows to the failing pods (their parents stay, to keep the tree readable).
  const statusFilter = page.getByRole("combobox", { name: "Status" });
  await statusFilter.selectOption({ label: "Error" });
  const podStatuses = () =>
    page
      .locator("tbody tr[data-row-key]")
      .evaluateAll((rows) =>
        rows.filter((row) => row.children[1]?.textContent === "Pod").map((row) => row.querySelector("[data-status]")?.getAttribute("data-status")),
      );
  await expect.poll(podStatuses).toEqual(expect.arrayContaining(["Error"]));
  expect(new Set(await podStatuses())).toEqual(new Set(["Error"]));
  await statusFilter.selectOption({ label: "All statuses" });

  // Rows from the keyboard: the arrow keys move between the rows' names, Enter opens the drawer.
  const rowNames = table.locator("tbody tr[data-row-key] [data-row-open]");
  await rowNames.first().focus();
  await page.keyboard.press("ArrowDown");
  await expect(rowNames.nth(1)).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(rowNames.first()).toBeFocused();
  // ArrowLeft collapses a row's children, ArrowRight shows them again.
  await table.getByRole("button", { name: "payments", exact: true }).focus();
  await page.keyboard.press("ArrowLeft");
  await expect(table.getByRole("button", { name: "Expand Deployment payments" })).toHaveAttribute("aria-expanded", "false");
  await page.keyboard.press("ArrowRight");
  await expect(table.getByRole("button", { name: "Collapse Deployment payments" })).toHaveAttribute("aria-expanded", "true");

  // The details drawer of a failing pod: the container's problem and the pod's events (found by
  // its uid, as the failure summary finds them), closable with Escape.
  const podName = errorPods.first().locator("[data-row-open]");
  const podKey = await errorPods.first().getAttribute("data-row-key");
  await podName.focus();
  await page.keyboard.press("Enter");
  const drawer = page.getByRole("dialog");
  await expect(page.getByRole("button", { name: "Close" })).toBeFocused();
  await expect(drawer.getByRole("heading", { name: "Container problems" })).toBeVisible();
  await expect(drawer.getByText(/CrashLoopBackOff/).first()).toBeVisible();
  // kwok runs no kubelet: the drawer says plainly that no logs came back.
  await expect(drawer.getByText("The cluster returned no logs for this container.").first()).toBeVisible();
  await expect(drawer.getByText("Normal · Scheduled")).toBeVisible();
  await expect(drawer.getByText("No recent events.")).toHaveCount(0);
  // Each object has a link: the page with its drawer open.
  expect(new URL(page.url()).searchParams.get("object")).toBe(podKey);
  const link = await drawer.getByRole("link", { name: "Link to this object" }).getAttribute("href");
  expect(link).toContain(`object=${podKey}`);
  await snap(page, "object-status-drawer");
  await page.keyboard.press("Escape");
  await expect(drawer).toHaveCount(0);
  await expect(podName).toBeFocused();
  expect(new URL(page.url()).searchParams.get("object")).toBeNull();

  await expect(page.getByText(/Snapshot taken at/)).toBeVisible({ timeout: 60_000 });
  // The step header: its outcome badge reads "Timed out".
  await expect(page.locator("section[data-step-run] > div").first()).toContainText("Timed out");
  await expect(table.getByText("Error").first()).toBeVisible();
  // The step explains itself: counts per status, and the failure summary inline, its objects
  // linked to their rows.
  const section = page.locator("section[data-step-run]").first();
  await expect(section.locator("[data-step-counts]")).toContainText(/\d+ Error/);
  const summary = section.getByRole("region", { name: "Failure summary" });
  await expect(summary).toContainText("The step timed out.");
  await expect(summary).toContainText("Reason chain");
  await expect(summary).toContainText("Last events of Pod");
  const summaryText = (await summary.textContent()) ?? "";
  expect(summaryText).not.toBe("");
  // Frozen: absolute times in the table.
  await expect(table.locator("tbody tr").first().locator("td").last()).toContainText("UTC");
  await snap(page, "object-status-failed");

  // A link in the summary opens that object's drawer.
  const podLink = summary.locator("[data-object-link]").filter({ hasText: /^Pod / }).first();
  const linkedKey = await podLink.getAttribute("data-object-link");
  await podLink.click();
  await expect(drawer).toBeVisible();
  await expect(drawer.getByText("From the snapshot stored when the step ended.")).toBeVisible();
  await expect(drawer.getByText("Normal · Scheduled")).toBeVisible();
  const objectUrl = page.url();
  expect(new URL(objectUrl).searchParams.get("object")).toBe(linkedKey);
  await page.keyboard.press("Escape");
  await expect(drawer).toHaveCount(0);

  // The object's URL opens the page with its drawer open; the summary reads the same after a reload.
  await page.goto(objectUrl);
  await expect(drawer).toBeVisible();
  await expect(drawer.getByRole("heading", { level: 2 })).toHaveText(/.+/);
  expect(await page.locator(`tr[data-row-key="${linkedKey}"]`).getAttribute("aria-selected")).toBe("true");
  await snap(page, "object-status-drawer-from-url");
  await page.keyboard.press("Escape");
  await expect(drawer).toHaveCount(0);
  await expect(page.locator(`tr[data-row-key="${linkedKey}"] [data-row-open]`)).toBeFocused();
  await expect(page.locator("section[data-step-run]").first().getByRole("region", { name: "Failure summary" })).toHaveText(summaryText);

  // Sorting from the keyboard: the header is a button, its order is announced through aria-sort.
  const statusHeader = table.getByRole("columnheader", { name: /Status/ });
  await statusHeader.getByRole("button").focus();
  await page.keyboard.press("Enter");
  await expect(statusHeader).toHaveAttribute("aria-sort", "ascending");

  await page.getByRole("tab", { name: "Task log" }).click();
  const logPanel = page.getByRole("tabpanel"); // the shown one: hidden panels are not in the tree
  await expect(logPanel.getByText(/The step timed out\./).first()).toBeVisible({ timeout: 15_000 });
  await expect(logPanel.getByText(/Waiting for \d+ objects?:/).first()).toBeVisible();
  // The same block in the task log, and on the snapshot page.
  const logSummary = logPanel.getByRole("region", { name: "Failure summary" });
  await expect(logSummary).toHaveText(summaryText);
  await snap(page, "task-log-failure-summary");
  const stepRunId = await section.getAttribute("data-step-run");
  await page.goto(`/audit/snapshots/${stepRunId}`);
  await expect(page.getByRole("region", { name: "Failure summary" })).toHaveText(summaryText);
});

test("HTML in an object's message is shown as text, never run", async ({ page, request }) => {
  const namespace = newNamespace();
  const group = `e2e${Math.random().toString(36).slice(2, 8)}.kdeploy.dev`;
  const payload = "<img src=x onerror=alert(1)><script>window.__xss=1</script>";
  // A CRD without a status subresource, so the custom resource's status is applied as written.
  const yaml = `apiVersion: v1
kind: Namespace
metadata: { name: ${namespace} }
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: widgets.${group} }
spec:
  group: ${group}
  scope: Namespaced
  names: { plural: widgets, singular: widget, kind: Widget }
  versions:
    - name: v1
      served: true
      storage: true
      schema: { openAPIV3Schema: { type: object, x-kubernetes-preserve-unknown-fields: true } }
---
apiVersion: ${group}/v1
kind: Widget
metadata: { name: gadget, namespace: ${namespace} }
status:
  conditions:
    - type: Ready
      status: "True"
      message: ${JSON.stringify(payload)}
`;
  const deploymentId = await deploy(request, yaml, { timeoutSeconds: 60, stabilizationSeconds: 1 });
  page.on("dialog", (dialog) => void dialog.dismiss());
  await openObjectStatus(page, deploymentId);

  const widgetRow = objectTable(page)
    .getByRole("row")
    .filter({ has: page.getByRole("button", { name: "gadget", exact: true }) });
  await expect(widgetRow.getByText(payload, { exact: true })).toBeVisible({ timeout: 30_000 });
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(await page.locator("table img, table script").count()).toBe(0);

  await widgetRow.getByRole("button", { name: "gadget", exact: true }).click();
  await expect(page.getByRole("dialog").getByText(payload).first()).toBeVisible();
  expect(await page.locator("[role=dialog] img, [role=dialog] script").count()).toBe(0);
  await page.getByRole("button", { name: "Close" }).click();
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
});

test("after the connection drops mid-step, the browser shows exactly the server's rows", async ({ page, request }) => {
  const namespace = newNamespace();
  const deploymentId = await deploy(
    request,
    deploymentYaml(namespace, "search", { replicas: 3, podAnnotations: { "sandbox.kdeploy.dev/ready-after": "15s" } }),
    { timeoutSeconds: 120, stabilizationSeconds: 15 },
  );
  await openObjectStatus(page, deploymentId);
  await expect(objectTable(page).getByText("In progress").first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("Live", { exact: true })).toBeVisible();

  // Drop the connection while the pods become ready, so changes happen while the browser is away.
  await page.evaluate(() => (window as unknown as TestWindow).__kdeployLiveSocket?.disconnect());
  await expect(page.getByText(/Offline/)).toBeVisible();
  const whileAway = await renderedRows(page);
  // Wait until the server has rows the browser has not seen, so the resume must bring them.
  await expect.poll(async () => JSON.stringify((await serverRows(request, deploymentId)).rows) !== JSON.stringify(whileAway), { timeout: 30_000 }).toBe(true);
  expect(await renderedRows(page)).toEqual(whileAway);
  await page.evaluate(() => (window as unknown as TestWindow).__kdeployLiveSocket?.connect());
  await expect(page.getByText("Live", { exact: true })).toBeVisible();

  // Compared while the step is still live (15 s stabilization), so this is the socket's resume,
  // not the stored table re-read at the freeze.
  await expect
    .poll(async () => {
      const server = await serverRows(request, deploymentId);
      const rendered = await renderedRows(page);
      return { frozen: server.frozen, same: JSON.stringify(rendered) === JSON.stringify(server.rows) };
    })
    .toEqual({ frozen: false, same: true });
  const server = await serverRows(request, deploymentId);
  expect(await renderedRows(page)).toEqual(server.rows);
  expect(server.rows.some((row) => row.endsWith(" Success"))).toBe(true);
});
