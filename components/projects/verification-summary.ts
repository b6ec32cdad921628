// One line that says how a step is verified, e.g. "Object status check · timeout 180 s · stabilization 10 s".
import type { Verification } from "@/server/contracts/verification.ts";

export function verificationSummary(verification: Verification | undefined): string {
  if (!verification || !verification.enabled) return "Verification off";
  if (verification.kind === "helm") {
    return ["Helm --wait", verification.waitForJobs ? "--wait-for-jobs" : null, `timeout ${verification.timeoutSeconds} s`].filter(Boolean).join(" · ");
  }
  return [
    "Object status check",
    verification.timeoutEnabled ? `timeout ${verification.timeoutSeconds} s` : "no timeout",
    `stabilization ${verification.stabilizationSeconds} s`,
    verification.waitForJobs ? "waits for Jobs" : null,
    verification.failEarlyWhenPodsCannotStart ? `fails early after ${verification.podStartGraceSeconds} s` : null,
  ]
    .filter(Boolean)
    .join(" · ");
}
