// `kubectl rollout status deployment/<name>`, one process per Deployment, all concurrently (what a
// CI script does). With -v=6 kubectl logs every HTTP response, which is how its requests are counted.
import { start, type Started } from "../lib/child-processes.ts";

export type KubectlRun = {
  processes: Started[];
  /** Requests seen so far in kubectl's logs: total and watch requests, with receive times. */
  requests: { at: number; watch: boolean }[];
};

export function startKubectlRolloutStatus(
  binDir: string,
  kubeconfigPath: string,
  namespace: string,
  names: string[],
  timeoutMs: number,
  countRequests = false,
): KubectlRun {
  const requests: KubectlRun["requests"] = [];
  const processes = names.map((name) =>
    start(
      `${binDir}/kubectl`,
      [
        "rollout",
        "status",
        `deployment/${name}`,
        "-n",
        namespace,
        "--kubeconfig",
        kubeconfigPath,
        `--timeout=${Math.round(timeoutMs / 1000)}s`,
        ...(countRequests ? ["-v=6"] : []),
      ],
      {
        timeoutMs: timeoutMs + 10_000,
        keepOutput: !countRequests,
        onStderrLine: countRequests
          ? (line) => {
              if (line.includes('"Response" verb=')) requests.push({ at: Date.now(), watch: line.includes("watch=true") });
            }
          : undefined,
      },
    ),
  );
  return { processes, requests };
}
