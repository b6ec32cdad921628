// Engine overhead of issue 12's rollout scenario, from two sets of receive times: when the
// harness's own watch saw each Deployment rolled out, and when our tracker emitted its row as
// Success. Pure, so the arithmetic is unit-tested (bench/lib/overhead.test.ts).
import { round, summarize, type Summary } from "./stats.ts";

export type Overheads = {
  /** Per Deployment: our row Success − the harness saw it final (ms; negative when ours was first). */
  perDeploymentMs: Summary;
  /** "Desired state reached" − the harness saw the last Deployment final. */
  stepMs: number | null;
  /** Deployments the harness saw final that our tracker never reported Success (or the reverse). */
  missingInOurs: number;
  missingInHarness: number;
};

export function engineOverheads(
  harnessFinalAt: ReadonlyMap<string, number>,
  oursSuccessAt: Readonly<Record<string, number>>,
  desiredStateReachedAt: number | null,
): Overheads {
  const deltas: number[] = [];
  let missingInOurs = 0;
  for (const [name, at] of harnessFinalAt) {
    const ours = oursSuccessAt[name];
    if (ours === undefined) missingInOurs++;
    else deltas.push(round(ours - at)!);
  }
  const missingInHarness = Object.keys(oursSuccessAt).filter((name) => !harnessFinalAt.has(name)).length;
  let lastFinal: number | null = null;
  for (const at of harnessFinalAt.values()) lastFinal = lastFinal === null || at > lastFinal ? at : lastFinal;
  return {
    perDeploymentMs: summarize(deltas),
    stepMs: desiredStateReachedAt !== null && lastFinal !== null ? round(desiredStateReachedAt - lastFinal) : null,
    missingInOurs,
    missingInHarness,
  };
}
