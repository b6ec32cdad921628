// Why a pod's containers are not running, read from its status (waiting or terminated reasons).
import type { ObjectDetailsView } from "../contracts/live.ts";

type ContainerStatus = {
  name: string;
  state?: { waiting?: { reason?: string; message?: string }; terminated?: { reason?: string; message?: string; exitCode?: number } };
  lastState?: { terminated?: { reason?: string; message?: string; exitCode?: number } };
};

export function containerProblems(pod: unknown): Omit<ObjectDetailsView["containerProblems"][number], "logTail">[] {
  const status = (pod as { kind?: string; status?: { containerStatuses?: ContainerStatus[]; initContainerStatuses?: ContainerStatus[] } } | null)?.status;
  if (!status || (pod as { kind?: string }).kind !== "Pod") return [];
  const problems = [];
  for (const container of [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])]) {
    const waiting = container.state?.waiting;
    const terminated = container.state?.terminated ?? (waiting ? container.lastState?.terminated : undefined);
    if (waiting?.reason && waiting.reason !== "ContainerCreating" && waiting.reason !== "PodInitializing") {
      problems.push({
        container: container.name,
        reason: waiting.reason,
        message: waiting.message ?? terminated?.message ?? "",
        exitCode: terminated?.exitCode ?? null,
      });
    } else if (container.state?.terminated && container.state.terminated.exitCode !== 0) {
      const t = container.state.terminated;
      problems.push({ container: container.name, reason: t.reason ?? "Error", message: t.message ?? "", exitCode: t.exitCode ?? null });
    }
  }
  return problems;
}
