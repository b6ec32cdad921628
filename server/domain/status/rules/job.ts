import { arrayField, field, findCondition, isConditionTrue, numberField, stringField, type KubeObject } from "../kubeObject";
import { error, inProgress, success, summaryOf, type ObjectStatus } from "../objectStatus";
import type { StatusContext } from "../statusContext";

export const notWaitingForJobMessage = "Created; not waiting for completion";
export const suspendedJobMessage = "Suspended; not waited for";

export function computeJobStatus(job: KubeObject, context: StatusContext): ObjectStatus {
  const active = numberField(job, "status", "active") ?? 0;
  const succeeded = numberField(job, "status", "succeeded") ?? 0;
  const failed = numberField(job, "status", "failed") ?? 0;
  const completions = numberField(job, "spec", "completions");
  const summary = summaryOf(`completions ${succeeded}/${completions ?? 1}`, `active ${active}`, `failed ${failed}`);
  if (!context.waitForJobs) return success(notWaitingForJobMessage, summary);

  // FailureTarget (Kubernetes 1.31+) is set before Failed while the controller still removes
  // pods; the verdict is already final, so it fails the step as early as Failed would.
  const failure = [findCondition(job, "Failed"), findCondition(job, "FailureTarget")].find((condition) => condition?.status === "True");
  if (failure) {
    const reason = failure.reason || "Failed";
    const detail = failure.message ?? "";
    return error(detail ? `${reason}: ${detail}` : reason, summary, { reason, detail });
  }
  if (isConditionTrue(job, "Complete") || isConditionTrue(job, "SuccessCriteriaMet")) {
    return success("Complete", summary);
  }
  // A suspended Job was deployed so on purpose and runs only once resumed: like a paused
  // Deployment it does not block the step (waiting would only ever time out).
  if (field(job, "spec", "suspend") === true || isConditionTrue(job, "Suspended")) {
    return success(suspendedJobMessage, summary);
  }
  return inProgress(`active ${active}, succeeded ${succeeded}, failed ${failed}`, summary);
}

/** A CronJob has nothing to converge: it exists, and its Jobs show up as its children. */
export function computeCronJobStatus(cronJob: KubeObject): ObjectStatus {
  const schedule = stringField(cronJob, "spec", "schedule");
  const lastSchedule = stringField(cronJob, "status", "lastScheduleTime");
  const activeJobs = arrayField(cronJob, "status", "active").length;
  const summary = summaryOf(schedule && `schedule ${schedule}`, `active ${activeJobs}`);
  const scheduled = lastSchedule ? `last scheduled at ${lastSchedule}` : "not scheduled yet";
  const message = field(cronJob, "spec", "suspend") === true ? `Suspended; ${scheduled}` : capitalize(scheduled);
  return success(message, summary);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
