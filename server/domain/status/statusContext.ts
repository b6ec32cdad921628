import type { KubeObject } from "./kubeObject";
import type { ComputedStatus, StatusCause } from "./objectStatus";

export type VolumeBindingMode = "Immediate" | "WaitForFirstConsumer";

/** What the tracker already computed for one descendant of the object being judged. */
export interface DescendantStatus {
  readonly kind: string;
  readonly name: string;
  readonly status: ComputedStatus | "TimedOut";
  readonly cause?: StatusCause;
}

/**
 * Everything a rule needs beyond the object itself. The tracker fills it from its index;
 * rules never reach out for anything else, which keeps them pure.
 */
export interface StatusContext {
  /** The step's "wait for Jobs" option: off means a Job is Success as soon as it exists. */
  readonly waitForJobs: boolean;
  /**
   * Statuses of the object's descendants at every depth (a Deployment gets its ReplicaSets and
   * their pods), so pod reasons reach the top-level row without the rule walking the tree.
   */
  readonly descendants?: readonly DescendantStatus[];
  /**
   * The descendants' problems already described (the tracker keeps per-parent reason groups up to
   * date, issue 12); used instead of `descendants` when given, and only asked for when needed.
   */
  readonly descendantProblems?: () => string | undefined;
  /** Binding mode of a StorageClass by name; undefined when the class is unknown or not readable. */
  readonly storageClassBindingMode?: (storageClassName: string) => VolumeBindingMode | undefined;
  /** The EndpointSlices labelled with this Service's name; undefined when they are not known (yet). */
  readonly endpointSlices?: readonly KubeObject[];
}

export const defaultStatusContext: StatusContext = { waitForJobs: true };
