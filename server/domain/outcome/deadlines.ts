import type { StepOutcomeState } from "./outcomeTypes";
import { podsCannotStartDeadlines } from "./podsCannotStart";

export type Deadline =
  | { readonly type: "stabilizationEnd"; readonly at: number }
  | { readonly type: "podsCannotStart"; readonly at: number; readonly key: string }
  | { readonly type: "timeout"; readonly at: number };

// On a tie, the step's own success wins over a timeout (the desired state did hold for the whole
// period), and a specific failure (pods cannot start) wins over the generic timeout.
const tieOrder: Readonly<Record<Deadline["type"], number>> = { stabilizationEnd: 0, podsCannotStart: 1, timeout: 2 };

export function pendingDeadlines(state: StepOutcomeState): Deadline[] {
  const { phase } = state;
  if (phase.name === "succeeded" || phase.name === "failed") return [];
  const deadlines: Deadline[] = podsCannotStartDeadlines(state).map(({ key, at }) => ({ type: "podsCannotStart", key, at }));
  if (phase.name === "stabilizing") deadlines.push({ type: "stabilizationEnd", at: phase.until });
  if (state.timeoutAt !== null) deadlines.push({ type: "timeout", at: state.timeoutAt });
  return deadlines.sort((a, b) => a.at - b.at || tieOrder[a.type] - tieOrder[b.type]);
}

export function earliestDeadline(state: StepOutcomeState): Deadline | undefined {
  return pendingDeadlines(state)[0];
}
