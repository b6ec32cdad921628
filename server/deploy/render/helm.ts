// "Deploy a Helm chart": resolves the chart to something the helm CLI can install, and writes the
// values (after substitution) to a file. Nothing is rendered with `helm template`: Helm installs
// the release itself so that hooks, ordering and release history behave as users expect.
import { mkdir, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { parse } from "yaml";
import { helmStepConfig, type HelmStepConfig } from "../../contracts/steps/index.ts";
import { describeChart, type HelmChartRef } from "../helm/helm-plan.ts";
import { describeUnknownVariables, substituteVariables } from "../variables.ts";
import { RenderError } from "./render-error.ts";
import type { RenderContext, RenderResult } from "./render-types.ts";
import { parseStepConfig } from "./step-config.ts";
import { requireServerPath } from "./server-path.ts";

export async function renderHelmStep(rawConfig: unknown, context: Pick<RenderContext, "variables" | "workDir" | "serverPathRoots">): Promise<RenderResult> {
  const config = parseStepConfig(helmStepConfig, rawConfig, "Helm chart");
  const substituted = substituteVariables(config.values, context.variables);
  const log = describeUnknownVariables(substituted.unknown, "the Helm values");
  checkValues(substituted.text);
  const helmDir = join(context.workDir, "helm");
  await mkdir(helmDir, { recursive: true });
  const valuesFile = join(helmDir, "values.yaml");
  await writeFile(valuesFile, substituted.text, { mode: 0o600 });
  const chart = await resolveChart(config.chart, helmDir, context.serverPathRoots ?? []);
  log.push(`Prepared Helm release ${config.releaseName}: ${describeChart(chart)}`);
  return { objects: [], log, helm: { chart, releaseName: config.releaseName, namespace: config.namespace, valuesFile } };
}

function checkValues(text: string): void {
  if (!text.trim()) return;
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch (error) {
    throw new RenderError(`The Helm values are not valid YAML after substitution: ${(error as Error).message.split("\n")[0]}`);
  }
  if (parsed !== null && (typeof parsed !== "object" || Array.isArray(parsed))) throw new RenderError("The Helm values must be a YAML mapping (key: value)");
}

async function resolveChart(chart: HelmStepConfig["chart"], helmDir: string, serverPathRoots: readonly string[]): Promise<HelmChartRef> {
  switch (chart.source) {
    case "repository":
      return { source: "repository", repositoryUrl: chart.repositoryUrl, chartName: chart.chartName, version: chart.chartVersion || undefined };
    case "oci":
      return { source: "oci", reference: chart.reference, version: chart.chartVersion || undefined };
    case "path":
      // Helm gets the resolved path: a symlink changed after the check is not followed.
      return { source: "path", path: await requireServerPath(chart.path, serverPathRoots, "The chart path") };
    case "upload": {
      const archive = Buffer.from(chart.archiveBase64, "base64");
      // gzip magic number: catches a wrong file early with a clearer message than helm's.
      if (archive[0] !== 0x1f || archive[1] !== 0x8b) throw new RenderError(`The uploaded chart ${chart.fileName} is not a gzip-compressed archive (.tgz)`);
      const path = join(helmDir, basename(chart.fileName));
      await writeFile(path, archive, { mode: 0o600 });
      return { source: "path", path };
    }
  }
}
