// The auditors' browser against the sandbox cluster: two deployments (one succeeds, one
// crash-loops until its 12 s step timeout), then an auditor finds both snapshots by search, opens
// them (the deployment page's table and drawer, frozen), reads a timeline, and downloads CSV and JSON exports, which are parsed and checked here.
// Deployments are created through the API (the forms have their own tests).
import { existsSync, readFileSync } from "node:fs";
import type { APIRequestContext, Download, Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { snap, unique } from "./helpers.ts";
import { parseCsv } from "../server/audit/__tests__/parse-csv.ts";
import { registerSandbox, sandboxStateFile as stateFile } from "./sandbox-environment.ts";

type SnapshotItem = { stepRunId: string; deploymentId: string; outcome: string };

test.setTimeout(180_000);

const sandboxEnvironment = (request: APIRequestContext) => registerSandbox(request, unique("audit sandbox"));

function deploymentYaml(namespace: string, name: string, pod: { labels?: Record<string, string>; annotations?: Record<string, string> }) {
  return `apiVersion: v1
kind: Namespace
metadata: { name: ${namespace} }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: ${namespace} }
spec:
  replicas: 2
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata:
      labels: ${JSON.stringify({ app: name, ...pod.labels })}
      annotations: ${JSON.stringify(pod.annotations ?? {})}
    spec: { containers: [{ name: app, image: "nginx:1.27" }] }
`;
}

async function deploy(request: APIRequestContext, environmentId: string, projectName: string, yaml: string, timeoutSeconds: number): Promise<string> {
  const project = await request.post("/api/projects", { data: { name: projectName } });
  expect(project.ok(), await project.text()).toBe(true);
  const projectId = ((await project.json()) as { id: string }).id;
  const step = await request.post(`/api/projects/${projectId}/steps`, {
    data: {
      type: "kubernetes-yaml",
      name: "Deploy app",
      config: { source: "inline", yaml },
      verification: { enabled: true, timeoutEnabled: true, timeoutSeconds, stabilizationSeconds: 2 },
    },
  });
  expect(step.ok(), await step.text()).toBe(true);
  const release = await request.post(`/api/projects/${projectId}/releases`, { data: {} });
  expect(release.ok(), await release.text()).toBe(true);
  const releaseId = ((await release.json()) as { id: string }).id;
  const deployment = await request.post(`/api/projects/${projectId}/deployments`, { data: { releaseId, environmentId } });
  expect(deployment.ok(), await deployment.text()).toBe(true);
  return ((await deployment.json()) as { id: string }).id;
}

/** Waits until the step's snapshot is frozen and searchable, and returns it. */
async function frozenSnapshot(request: APIRequestContext, namespace: string): Promise<SnapshotItem> {
  let found: SnapshotItem | undefined;
  await expect
    .poll(
      async () => {
        const response = await request.get(`/api/audit/snapshots?${new URLSearchParams({ namespace, total: "false" })}`);
        found = ((await response.json()) as { items: SnapshotItem[] }).items[0];
        return found?.outcome;
      },
      { timeout: 120_000, intervals: [1000] },
    )
    .toBeTruthy();
  if (!found) throw new Error("unreachable");
  return found;
}

async function downloadText(page: Page, link: string, group: string): Promise<{ text: string; download: Download }> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("group", { name: group }).getByRole("link", { name: link }).click()]);
  const path = await download.path();
  return { text: readFileSync(path, "utf8"), download };
}

async function search(page: Page, fields: { namespace?: string; outcome?: string; mode?: string; objectStatus?: string }) {
  await page.goto("/audit");
  if (fields.mode) await page.getByLabel("Show").selectOption({ label: fields.mode });
  if (fields.namespace) await page.getByLabel("Namespace").fill(fields.namespace);
  if (fields.outcome) await page.getByLabel("Step outcome").selectOption({ label: fields.outcome });
  if (fields.objectStatus) await page.getByLabel("Object status").selectOption({ label: fields.objectStatus });
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("heading", { name: /Results/ })).toBeVisible();
}

test("an auditor finds a succeeded and a timed-out snapshot, opens them and exports them", async ({ page, request }) => {
  test.skip(!existsSync(stateFile), "needs the sandbox cluster: run `npm run sandbox` (scripts/test-all.sh does)");
  const environmentId = await sandboxEnvironment(request);
  const suffix = Math.random().toString(36).slice(2, 8);
  const okNamespace = `e2e-audit-ok-${suffix}`;
  const badNamespace = `e2e-audit-bad-${suffix}`;
  await deploy(
    request,
    environmentId,
    unique("Audit storefront"),
    deploymentYaml(okNamespace, "storefront", { annotations: { "sandbox.kdeploy.dev/ready-after": "2s" } }),
    120,
  );
  await deploy(
    request,
    environmentId,
    unique("Audit payments"),
    deploymentYaml(badNamespace, "payments", { labels: { "sandbox.kdeploy.dev/behavior": "crashloop" } }),
    12,
  );
  const succeeded = await frozenSnapshot(request, okNamespace);
  const timedOut = await frozenSnapshot(request, badNamespace);
  expect(succeeded.outcome).toBe("Succeeded");
  expect(timedOut.outcome).toBe("TimedOut");

  // Search by namespace: exactly the succeeded snapshot, linked to its deployment and snapshot page.
  await search(page, { namespace: okNamespace });
  const results = page.getByRole("table", { name: "Snapshots" });
  await expect(results.getByRole("row")).toHaveCount(2); // header + one snapshot
  await expect(results.getByText("Succeeded").first()).toBeVisible();
  await expect(results.getByRole("link", { name: /Open deployment/ })).toHaveAttribute("href", `/deployments/${succeeded.deploymentId}`);
  await snap(page, "audit-browser-search");

  // Search by outcome (and namespace, to be independent of other tests' history).
  await search(page, { namespace: badNamespace, outcome: "Timed out" });
  await expect(results.getByRole("row")).toHaveCount(2);
  await expect(results.getByText("Timed out").first()).toBeVisible();
  await search(page, { namespace: okNamespace, outcome: "Timed out" });
  await expect(page.getByText("No snapshots match this search")).toBeVisible();

  // Objects mode: the failing pods of the timed-out snapshot.
  await search(page, { mode: "Objects", namespace: badNamespace, objectStatus: "Error" });
  const objectRows = page.getByRole("table", { name: "Objects" }).getByRole("row").filter({ hasText: "Pod" });
  await expect(objectRows.first()).toContainText("Error");
  await snap(page, "audit-browser-objects");

  // The search export (CSV) holds the same rows.
  const searchCsv = parseCsv((await downloadText(page, "Export CSV", "Export this search")).text);
  const [searchHeader = [], ...searchRows] = searchCsv;
  expect(searchRows.length).toBeGreaterThan(0);
  expect(searchRows.every((row) => row[searchHeader.indexOf("namespace")] === badNamespace && row[searchHeader.indexOf("status")] === "Error")).toBe(true);

  // Open the timed-out snapshot from the search results.
  await search(page, { namespace: badNamespace });
  await results.getByRole("link").first().click();
  await expect(page).toHaveURL(`/audit/snapshots/${timedOut.stepRunId}`);
  await expect(page.getByText(/Snapshot taken at/).first()).toBeVisible();
  // The deployment page's step section, frozen: the failure summary inline, the same table.
  await expect(page.getByRole("heading", { name: "Failure summary" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Failure summary" })).toContainText("The step timed out.");
  const snapshotTable = page.getByRole("table", { name: "Kubernetes objects of Deploy app" });
  await expect(snapshotTable.getByRole("columnheader")).toHaveText(
    ["Name", "Kind", "Namespace", "Status", "Summary", "Message", "Last change"].map((name) => new RegExp(name)),
  );
  // Frozen tables show the time of the change, not a drifting age.
  await expect(snapshotTable.locator("tbody tr").first().locator("td").last()).toContainText("UTC");
  await expect(snapshotTable.getByText(/ ago$/)).toHaveCount(0);
  // "Last change" is inside the table's box, never clipped at its right edge.
  const box = await snapshotTable.boundingBox();
  const lastHeader = await snapshotTable.getByRole("columnheader", { name: /Last change/ }).boundingBox();
  expect(lastHeader!.x + lastHeader!.width).toBeLessThanOrEqual(box!.x + box!.width + 1);
  await snap(page, "audit-snapshot-timed-out");

  // Frozen rows open the same drawer, reading the frozen row; its timeline is in there.
  const errorPod = snapshotTable.getByRole("row").filter({ hasText: "Pod" }).filter({ hasText: "Error" }).first();
  const podKey = await errorPod.getAttribute("data-row-key");
  await errorPod.locator("[data-row-open]").click();
  const drawer = page.getByRole("dialog");
  await expect(drawer.getByText("From the snapshot stored when the step ended.")).toBeVisible();
  await expect(drawer.getByRole("heading", { name: "Status timeline" })).toBeVisible();
  await expect(drawer.getByRole("listitem").filter({ hasText: "Error" }).first()).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`[?&]object=${podKey}`));
  // The object's link opens the snapshot with its drawer open.
  await page.reload();
  await expect(drawer).toBeVisible();
  await expect(drawer.getByText("From the snapshot stored when the step ended.")).toBeVisible();
  await snap(page, "audit-snapshot-drawer");
  await page.keyboard.press("Escape");
  await expect(drawer).toHaveCount(0);

  const csv = parseCsv((await downloadText(page, "Export CSV", "Export this snapshot")).text);
  const [header = [], ...rows] = csv;
  const column = (name: string) => header.indexOf(name);
  expect(rows.every((row) => row[column("outcome")] === "TimedOut" && row[column("stepRunId")] === timedOut.stepRunId)).toBe(true);
  expect(rows.some((row) => row[column("kind")] === "Deployment" && row[column("name")] === "payments")).toBe(true);
  expect(rows.some((row) => row[column("kind")] === "Pod" && row[column("status")] === "Error")).toBe(true);

  const json = JSON.parse((await downloadText(page, "Export JSON", "Export this snapshot")).text) as {
    snapshot: { outcome: string; failureSummary: unknown };
    objects: { kind: string; status: string; timeline: unknown[] }[];
  };
  expect(json.snapshot.outcome).toBe("TimedOut");
  expect(json.snapshot.failureSummary).toBeTruthy();
  expect(json.objects.length).toBe(rows.length);
  expect(json.objects.some((object) => object.kind === "Pod" && object.status === "Error" && object.timeline.length > 0)).toBe(true);

  // The succeeded snapshot opens the same way.
  await page.goto(`/audit/snapshots/${succeeded.stepRunId}`);
  await expect(page.getByText(/Snapshot taken at/).first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "Failure summary" })).toHaveCount(0);
  await expect(page.getByRole("table", { name: "Kubernetes objects of Deploy app" }).getByText("storefront", { exact: true })).toBeVisible();
  await snap(page, "audit-snapshot-succeeded");
  const okJson = JSON.parse((await downloadText(page, "Export JSON", "Export this snapshot")).text) as {
    snapshot: { outcome: string };
    objects: { status: string }[];
  };
  expect(okJson.snapshot.outcome).toBe("Succeeded");
  expect(okJson.objects.every((object) => object.status === "Success")).toBe(true);
});
