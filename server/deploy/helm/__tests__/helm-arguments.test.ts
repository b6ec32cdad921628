import assert from "node:assert/strict";
import { test } from "node:test";
import { helmUpgradeArguments, parseHelmVersion, type HelmPlan } from "../index.ts";

test("parses helm version --short for Helm 3 and 4 and refuses older ones", () => {
  assert.deepEqual(parseHelmVersion("v3.22.0+g1a2b3c4\n"), { major: 3, version: "v3.22.0+g1a2b3c4" });
  assert.deepEqual(parseHelmVersion("v4.3.1"), { major: 4, version: "v4.3.1" });
  assert.throws(() => parseHelmVersion("v3.12.3+gabc"), /not supported/);
  assert.throws(() => parseHelmVersion("v2.17.0"), /not supported/);
  assert.throws(() => parseHelmVersion("garbage"), /Could not read/);
});

const plan: HelmPlan = {
  chart: { source: "repository", repositoryUrl: "https://charts.example.com", chartName: "nginx", version: "1.2.3" },
  releaseName: "web",
  valuesFile: "/tmp/w/values.yaml",
};
const options = { kubeconfigPath: "/tmp/w/kubeconfig", wait: true, waitForJobs: true, timeoutSeconds: 300, defaultNamespace: "shop" };

test("Helm 3 waits with --wait, Helm 4 with the watcher strategy", () => {
  const helm3 = helmUpgradeArguments(plan, options, { major: 3, version: "v3.22.0" });
  assert.deepEqual(helm3, [
    "upgrade",
    "--install",
    "web",
    "nginx",
    "--repo",
    "https://charts.example.com",
    "--version",
    "1.2.3",
    "--namespace",
    "shop",
    "--create-namespace",
    "--values",
    "/tmp/w/values.yaml",
    "--timeout",
    "300s",
    "--wait",
    "--wait-for-jobs",
    "--kubeconfig",
    "/tmp/w/kubeconfig",
  ]);
  const helm4 = helmUpgradeArguments(plan, options, { major: 4, version: "v4.3.1" });
  assert.ok(helm4.includes("--wait=watcher") && !helm4.includes("--wait"));
});

test("no wait flags without waiting; the plan's namespace wins over the default", () => {
  const args = helmUpgradeArguments(
    { ...plan, namespace: "own", chart: { source: "oci", reference: "oci://registry.example.com/charts/app" } },
    { ...options, wait: false },
    { major: 3, version: "v3.22.0" },
  );
  assert.deepEqual(args.slice(0, 6), ["upgrade", "--install", "web", "oci://registry.example.com/charts/app", "--namespace", "own"]);
  assert.ok(!args.some((arg) => arg.startsWith("--wait")));
});
