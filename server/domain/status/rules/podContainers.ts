import { arrayField, isRecord, numberField, stringField, type KubeObject } from "../kubeObject";

/** The parts of a container status the pod rule reads, flattened from `state.waiting|terminated`. */
export interface ContainerState {
  readonly name: string;
  readonly ready: boolean;
  readonly restartCount: number;
  readonly waiting?: { readonly reason: string; readonly message?: string };
  readonly terminated?: { readonly reason?: string; readonly exitCode?: number; readonly message?: string };
  readonly lastTerminated?: { readonly reason?: string; readonly exitCode?: number };
}

export function containerStatesOf(pod: KubeObject): { init: ContainerState[]; main: ContainerState[] } {
  return {
    init: arrayField(pod, "status", "initContainerStatuses").filter(isRecord).map(toContainerState),
    main: arrayField(pod, "status", "containerStatuses").filter(isRecord).map(toContainerState),
  };
}

function toContainerState(raw: Readonly<Record<string, unknown>>): ContainerState {
  const waitingReason = stringField(raw, "state", "waiting", "reason");
  const terminated = isRecord(raw.state) && isRecord(raw.state.terminated) ? raw.state.terminated : undefined;
  const last = isRecord(raw.lastState) && isRecord(raw.lastState.terminated) ? raw.lastState.terminated : undefined;
  return {
    name: stringField(raw, "name") ?? "unknown",
    ready: raw.ready === true,
    restartCount: numberField(raw, "restartCount") ?? 0,
    ...(waitingReason !== undefined && {
      waiting: { reason: waitingReason, message: stringField(raw, "state", "waiting", "message") },
    }),
    ...(terminated && {
      terminated: {
        reason: stringField(terminated, "reason"),
        exitCode: numberField(terminated, "exitCode"),
        message: stringField(terminated, "message"),
      },
    }),
    ...(last && { lastTerminated: { reason: stringField(last, "reason"), exitCode: numberField(last, "exitCode") } }),
  };
}

// The model names InvalidImageName among the stuck reasons, but it matches none of the patterns.
const stuckReasonsOutsidePatterns: ReadonlySet<string> = new Set(["InvalidImageName"]);

/**
 * Waiting reasons that do not resolve by waiting when the kubelet keeps restarting the container:
 * CrashLoopBackOff, ImagePullBackOff, ErrImagePull, CreateContainerConfigError, InvalidImageName, ...
 */
export function isStuckWaitingReason(reason: string): boolean {
  return reason.startsWith("Err") || reason.endsWith("Error") || reason.endsWith("BackOff") || stuckReasonsOutsidePatterns.has(reason);
}

/** "Error (exit code 1)", "OOMKilled (exit code 137)": how a container's end is quoted. */
export function describeTermination(termination: { readonly reason?: string; readonly exitCode?: number }): string {
  const reason = termination.reason ?? "Terminated";
  return termination.exitCode === undefined ? reason : `${reason} (exit code ${termination.exitCode})`;
}
