// A release manager configures a project in the browser: an environment, one step of each of the
// eight types, verification options, invalid input and its field errors, a release, and an edit
// after the release that leaves the release unchanged.
import { expect, test } from "./fixtures.ts";
import { createProject, newStep, saveStep, snap, unique } from "./helpers.ts";

test("environments: field errors, a failed connection test, then a saved target that hides its token", async ({ page }) => {
  await page.goto("/environments");
  await snap(page, "environments-empty");
  await page.goto("/environments/new");
  await page.getByRole("button", { name: "Create environment" }).click();
  await expect(page.getByText("Name is required").first()).toBeVisible();
  const name = unique("Production");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("API server URL").fill("not a url");
  await page.getByLabel("Bearer token").fill("e2e-token-value-42");
  await page.getByRole("button", { name: "Create environment" }).click();
  await expect(page.getByText(/API server URL must be an http\(s\) URL/).first()).toBeVisible();
  await snap(page, "environment-field-errors");
  await page.getByLabel("API server URL").fill("https://127.0.0.1:1");
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByText(/refused|Could not reach/).first()).toBeVisible();
  await page.getByRole("button", { name: "Create environment" }).click();
  await expect(page).not.toHaveURL(/\/environments\/new$/);
  await page.goto("/environments");
  await expect(page.getByText(name)).toBeVisible();
  expect(await page.content()).not.toContain("e2e-token-value-42");
  await snap(page, "environments-list");
});

test("one step of each type, verification options, field errors, a release that stays frozen", async ({ page }) => {
  const projectId = await createProject(page, unique("Web Shop"));
  await snap(page, "project-empty");

  // 1. Deploy Kubernetes YAML: first invalid, then valid.
  await newStep(page, projectId, "kubernetes-yaml", "Apply manifests");
  await page.getByLabel("YAML", { exact: true }).fill("apiVersion: v1\nkind: ConfigMap\n");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText(/missing metadata\.name/).first()).toBeVisible();
  await snap(page, "step-yaml-field-error");
  await page.getByLabel("YAML", { exact: true }).fill("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-settings\ndata:\n  LEVEL: info\n");
  await page.getByLabel("Run without a timeout").check();
  await page.getByLabel("Status stabilization timeout (seconds)").fill("30");
  await page.getByLabel("Wait for Jobs to complete during deployment").check();
  await saveStep(page);
  await snap(page, "step-yaml-saved");

  // 2. Helm chart from a repository.
  await newStep(page, projectId, "helm-chart", "Helm chart");
  await page.getByLabel("Repository URL").fill("https://charts.example.com");
  await page.getByLabel("Chart name").fill("nginx");
  await page.getByLabel("Release name").fill("web");
  await page.getByLabel("Values (YAML)").fill("replicaCount: 2\n");
  await page.getByLabel("Wait for Jobs to complete (--wait-for-jobs)").check();
  await snap(page, "step-helm");
  await saveStep(page);

  // 3. Kustomize from a server path.
  await newStep(page, projectId, "kustomize", "Kustomize");
  await page.getByLabel("Directory on the server").check();
  await page.getByLabel("Kustomization directory").fill("/srv/app/overlays/prod");
  await saveStep(page);

  // 4. Configure and apply resources: a Deployment with a Service.
  await newStep(page, projectId, "kubernetes-resources", "Resources");
  await page.getByLabel("Deployment name").fill("web");
  await page.getByLabel("Replicas").fill("3");
  await page.getByLabel("Container 1 image").fill("nginx:1.27");
  await snap(page, "step-resources");
  await saveStep(page);
  await expect(page.getByTestId("yaml-preview")).toContainText("kind: Deployment");

  // 5. ConfigMap, with a bad key first.
  await newStep(page, projectId, "configmap", "Settings");
  await page.getByLabel("ConfigMap name").fill("settings");
  await page.getByLabel("Key 1", { exact: true }).fill("bad key");
  await page.getByLabel("Value 1", { exact: true }).fill("info");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText(/Key may contain only letters/).first()).toBeVisible();
  await page.getByLabel("Key 1", { exact: true }).fill("LOG_LEVEL");
  await saveStep(page);
  await expect(page.getByTestId("yaml-preview")).toContainText("LOG_LEVEL: info");
  const configMapStepUrl = page.url();

  // 6. Secret: the value is never shown again.
  await newStep(page, projectId, "secret", "Credentials");
  await page.getByLabel("Secret name").first().fill("credentials");
  await page.getByLabel("Secret key 1").fill("password");
  await page.getByLabel("Secret value 1").fill("e2e-very-secret");
  await saveStep(page);
  await expect(page.getByTestId("yaml-preview")).toContainText("<redacted>");
  await page.reload();
  expect(await page.content()).not.toContain("e2e-very-secret");
  await snap(page, "step-secret");

  // 7. Ingress.
  await newStep(page, projectId, "ingress", "Ingress");
  await page.getByLabel("Ingress name").fill("web");
  await page.getByLabel("Rule 1 path 1 service name").fill("web");
  await saveStep(page);

  // 8. Service: a port out of range first.
  await newStep(page, projectId, "service", "Service");
  await page.getByLabel("Service name", { exact: true }).fill("web");
  await page.getByLabel("Selector value 1").fill("web");
  await page.getByLabel("Service port 1 port").fill("70000");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText(/between 1 and 65535/).first()).toBeVisible();
  await snap(page, "step-service-field-error");
  await page.getByLabel("Service port 1 port").fill("80");
  await saveStep(page);

  // The process lists eight steps, and says they are not released yet.
  await page.goto(`/projects/${projectId}`);
  for (const name of ["Apply manifests", "Helm chart", "Kustomize", "Resources", "Settings", "Credentials", "Ingress", "Service"])
    await expect(page.getByRole("link", { name, exact: true }).first()).toBeVisible();
  await expect(page.getByText("The process has not been released yet. Create a release to deploy it.")).toBeVisible();
  await expect(page.getByText("Object status check · no timeout · stabilization 30 s · waits for Jobs")).toBeVisible();
  await expect(page.getByText("Helm --wait · --wait-for-jobs · timeout 300 s")).toBeVisible();
  await snap(page, "project-process");

  // A release freezes the process.
  await page.goto(`/projects/${projectId}/releases/new`);
  await expect(page.getByLabel("Version")).toHaveValue("0.0.1");
  await page.getByRole("button", { name: "Create release" }).click();
  await expect(page.getByRole("heading", { name: "Release 0.0.1", level: 1 })).toBeVisible();
  const releaseUrl = page.url();
  await expect(page.getByText("LOG_LEVEL", { exact: true })).toBeVisible();
  await snap(page, "release");

  // Editing a step afterwards changes only future releases.
  await page.goto(configMapStepUrl.replace(/\?.*$/, ""));
  await page.getByLabel("Key 1", { exact: true }).fill("LOG_FORMAT");
  await saveStep(page);
  await page.goto(`/projects/${projectId}`);
  await expect(page.getByText(/The process has changed since release 0\.0\.1/)).toBeVisible();
  await page.goto(releaseUrl);
  await expect(page.getByText("LOG_LEVEL", { exact: true })).toBeVisible();
  await expect(page.getByText("LOG_FORMAT", { exact: true })).toHaveCount(0);

  // A duplicate version is a field error.
  await page.goto(`/projects/${projectId}/releases/new`);
  await page.getByLabel("Version").fill("0.0.1");
  await page.getByRole("button", { name: "Create release" }).click();
  await expect(page.getByText("Release 0.0.1 already exists in this project")).toBeVisible();
});
