// Helm steps: Helm installs the release itself; kdeploy runs it, streams its output and reads the
// release's manifest so the objects can be tracked while it runs.
export { detectHelm, parseHelmVersion, HelmVersionError, type HelmVersion } from "./detect-helm.ts";
export { runHelmUpgrade, helmUpgradeArguments, releaseNamespace, type HelmUpgradeOptions, type HelmUpgradeResult } from "./run-helm-upgrade.ts";
export { getReleaseManifest, type ReleaseRef } from "./release-manifest.ts";
export { writeTempKubeconfig } from "./temp-kubeconfig.ts";
export { chartArguments, describeChart, type HelmPlan, type HelmChartRef } from "./helm-plan.ts";
