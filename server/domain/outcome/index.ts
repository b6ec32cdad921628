// Public surface of the step outcome: the state machine and the failure summary, both pure.
export { startStepOutcome, reduceStepOutcome, nextWakeAt, isFinal } from "./stepOutcome";
export { buildFailureSummary } from "./failureSummary";
export type { ObjectEvent, ReasonLink, BlockingObject, FailureSummary, FailureSummaryOptions } from "./failureSummary";
export { renderFailureSummary } from "./failureSummaryText";
export { defaultOutcomeOptions, defaultPodsCannotStartGraceSeconds } from "./outcomeTypes";
export type { OutcomeOptions, OutcomeEvent, OutcomeEffect, OutcomeTransition, OutcomePhase, StepOutcomeState, FailureReason } from "./outcomeTypes";
export { workloadKinds } from "./podsCannotStart";
export type { TrackedRow, RowStatus } from "./trackedRow";
export { describeRow, isTopLevel } from "./trackedRow";
