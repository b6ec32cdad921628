import type { RowStatus, TrackedRow } from "./trackedRow";

export interface OutcomeOptions {
  /** null: no timeout (the step waits as long as it takes). */
  readonly timeoutSeconds: number | null;
  /** How long the desired state must hold before the step passes; default 10. */
  readonly stabilizationSeconds: number;
  /** "Fail early when pods cannot start": null when off (the default). */
  readonly podsCannotStart: { readonly graceSeconds: number } | null;
}

export const defaultOutcomeOptions: OutcomeOptions = {
  timeoutSeconds: null,
  stabilizationSeconds: 10,
  podsCannotStart: null,
};

export const defaultPodsCannotStartGraceSeconds = 30;

export type FailureReason = "error" | "timeout" | "timeoutDuringStabilization";

export type OutcomePhase =
  | { readonly name: "running" }
  | { readonly name: "stabilizing"; readonly since: number; readonly until: number }
  | { readonly name: "succeeded"; readonly at: number }
  | { readonly name: "failed"; readonly at: number; readonly reason: FailureReason; readonly blockingKeys: readonly string[] };

/**
 * Plain data (records, not Maps) so a state can be checkpointed and compared in tests. `rows` is
 * updated in place by the next transition with row changes (see rowsIndex.ts): reduce each state
 * once, newest first.
 */
export interface StepOutcomeState {
  readonly options: OutcomeOptions;
  readonly startedAt: number;
  /** Epoch milliseconds, or null when the timeout is disabled. */
  readonly timeoutAt: number | null;
  readonly rows: Readonly<Record<string, TrackedRow>>;
  /** Top-level key → since when at least one of its pods has been in Error, without a break. */
  readonly podErrorSince: Readonly<Record<string, number>>;
  readonly phase: OutcomePhase;
}

export type OutcomeEvent =
  /** Rows added or changed (any depth) and rows gone, as seen at `now` (epoch ms). */
  | { readonly type: "rowsChanged"; readonly now: number; readonly upserts: readonly TrackedRow[]; readonly removedKeys?: readonly string[] }
  /** A wake-up the caller scheduled from `nextWakeAt`, or any later moment. */
  | { readonly type: "timePassed"; readonly now: number };

/** What the caller must do or write to the task log; in the order they happened. */
export type OutcomeEffect =
  | {
      readonly type: "topLevelStatusChanged";
      readonly at: number;
      readonly key: string;
      readonly from: RowStatus | null;
      readonly to: RowStatus;
      readonly message: string;
    }
  | { readonly type: "stabilizationStarted"; readonly at: number; readonly until: number }
  | { readonly type: "stabilizationReset"; readonly at: number; readonly key: string; readonly status: RowStatus; readonly message: string }
  /** "Fail early when pods cannot start" turned a workload into Error: set the row so. */
  | { readonly type: "rowEscalatedToError"; readonly at: number; readonly key: string; readonly message: string }
  /** The timeout fired: these rows (children included) become TimedOut. */
  | { readonly type: "rowsTimedOut"; readonly at: number; readonly keys: readonly string[] }
  | { readonly type: "succeeded"; readonly at: number }
  | { readonly type: "failed"; readonly at: number; readonly reason: FailureReason; readonly blockingKeys: readonly string[] };

export interface OutcomeTransition {
  readonly state: StepOutcomeState;
  readonly effects: readonly OutcomeEffect[];
  /** When to send the next `timePassed`; null when nothing is pending or the outcome is final. */
  readonly nextWakeAt: number | null;
}
