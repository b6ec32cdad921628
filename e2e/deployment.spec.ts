// Deploying a release from the browser to the sandbox cluster: the deployment page shows its
// steps, the task log and the final status. Needs the sandbox (scripts/test-all.sh starts it).
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { expect, test } from "./fixtures.ts";
import { createProject, newStep, saveStep, snap, unique } from "./helpers.ts";

const stateFile = join(process.env.KDEPLOY_SANDBOX_HOME ?? join(homedir(), ".local/state/kdeploy-sandbox"), "sandbox.json");

test("deploy a release to the sandbox and watch it succeed", async ({ page, request }) => {
  test.skip(!existsSync(stateFile), "needs the sandbox cluster: run `npm run sandbox` (scripts/test-all.sh does)");
  const state = JSON.parse(readFileSync(stateFile, "utf8")) as { serverUrl: string; caCertificate: string; clientCertificate: string; clientKey: string };
  const environmentName = unique("sandbox");
  const created = await request.post("/api/environments", {
    data: {
      name: environmentName,
      target: {
        authKind: "clientCertificate",
        serverUrl: state.serverUrl,
        caCertificate: readFileSync(state.caCertificate, "utf8"),
        clientCertificate: readFileSync(state.clientCertificate, "utf8"),
        clientKey: readFileSync(state.clientKey, "utf8"),
        defaultNamespace: "default",
      },
    },
  });
  expect(created.status()).toBe(201);
  const environmentId = ((await created.json()) as { id: string }).id;

  await page.goto(`/environments/${environmentId}`);
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByText(/Connected: Kubernetes v1\.36/)).toBeVisible();
  await snap(page, "environment-connected");

  const namespace = `e2e-${Math.random().toString(36).slice(2, 8)}`;
  const projectId = await createProject(page, unique("Checkout"));
  await newStep(page, projectId, "kubernetes-yaml", "Deploy app");
  await page.getByLabel("YAML", { exact: true }).fill(`apiVersion: v1
kind: Namespace
metadata: { name: ${namespace} }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: checkout, namespace: ${namespace} }
spec:
  replicas: 2
  selector: { matchLabels: { app: checkout } }
  template:
    metadata: { labels: { app: checkout }, annotations: { sandbox.kdeploy.dev/ready-after: "2s" } }
    spec: { containers: [{ name: app, image: "nginx:1.27" }] }
`);
  await page.getByLabel("Status stabilization timeout (seconds)").fill("2");
  await saveStep(page);

  await page.goto(`/projects/${projectId}/releases/new`);
  await page.getByRole("button", { name: "Create release" }).click();
  await expect(page.getByRole("heading", { name: "Release 0.0.1", level: 1 })).toBeVisible();
  await page.getByLabel("Environment").selectOption({ label: `${environmentName} (namespace default)` });
  await page.getByRole("button", { name: "Deploy", exact: true }).click();
  await expect(page).toHaveURL(/\/deployments\/[^/]+$/);
  await expect(page.getByText("Succeeded").first()).toBeVisible({ timeout: 60_000 });
  await page.getByRole("tab", { name: "Task log" }).click();
  await expect(page.getByText(/Desired state reached/)).toBeVisible();
  await expect(page.getByText(/Step succeeded/)).toBeVisible();
  await snap(page, "deployment-task-log");
  await page.getByRole("tab", { name: "Kubernetes Object Status" }).click();
  await snap(page, "deployment-object-status");
});
