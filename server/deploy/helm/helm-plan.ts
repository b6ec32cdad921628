// What a Helm step renders to: everything `helm upgrade --install` needs, with files on disk.
// Helm applies its own objects (hooks, ordering, release history), so a Helm step renders no
// objects; the tracker learns them from `helm get manifest` while Helm runs.

export type HelmChartRef =
  /** A chart from a classic repository: `helm upgrade --install <release> <chartName> --repo <url>` */
  | { source: "repository"; repositoryUrl: string; chartName: string; version?: string }
  /** `oci://registry/path/chart` */
  | { source: "oci"; reference: string; version?: string }
  /** A chart directory or .tgz on the server's disk (uploaded archives are written to the work dir). */
  | { source: "path"; path: string };

export type HelmPlan = {
  chart: HelmChartRef;
  releaseName: string;
  /** The step's namespace; undefined = the target's default (the caller passes it to runHelmUpgrade). */
  namespace?: string;
  /** A values file in the work directory (variables already substituted); always present, maybe empty. */
  valuesFile: string;
};

/** The chart arguments of `helm upgrade --install <release> ...`. */
export function chartArguments(chart: HelmChartRef): string[] {
  switch (chart.source) {
    case "repository":
      return [chart.chartName, "--repo", chart.repositoryUrl, ...versionArguments(chart.version)];
    case "oci":
      return [chart.reference, ...versionArguments(chart.version)];
    case "path":
      return [chart.path];
  }
}

const versionArguments = (version: string | undefined) => (version ? ["--version", version] : []);

/** "chart nginx 1.2.3 from https://charts.example.com" for the task log. */
export function describeChart(chart: HelmChartRef): string {
  switch (chart.source) {
    case "repository":
      return `chart ${chart.chartName}${chart.version ? ` ${chart.version}` : ""} from ${chart.repositoryUrl}`;
    case "oci":
      return `chart ${chart.reference}${chart.version ? ` ${chart.version}` : ""}`;
    case "path":
      return `chart ${chart.path}`;
  }
}
