import type { BlockingObject, FailureSummary, ObjectEvent } from "./failureSummary";
import { describeRow } from "./trackedRow";

const headlines: Readonly<Record<NonNullable<FailureSummary["reason"]>, string>> = {
  error: "The step failed early: an object reached Error.",
  timeout: "The step timed out.",
  timeoutDuringStabilization: "The step timed out during stabilization: every object had reached Success, but not for the whole stabilization period.",
};

/** The task-log rendering of a failure summary: plain lines, indented, no colours. */
export function renderFailureSummary(summary: Omit<FailureSummary, "text">): string {
  const lines: string[] = [];
  if (summary.reason) lines.push(headlines[summary.reason]);
  if (summary.blocking.length === 0) {
    lines.push("No object was blocking the step.");
    return lines.join("\n");
  }
  lines.push(`Waiting for ${summary.blocking.length === 1 ? "1 object" : `${summary.blocking.length} objects`}:`);
  for (const blocking of summary.blocking) lines.push(...renderBlocking(blocking));
  return lines.join("\n");
}

function renderBlocking({ row, reasonChain }: BlockingObject): string[] {
  const lines = [`- ${describeRow(row)}: ${row.status}: ${row.message}`];
  if (reasonChain.length > 1) {
    const chain = reasonChain.map((link) => `${link.kind} ${link.name} (${link.status}: ${link.message})`).join(" → ");
    lines.push(`  Reason chain: ${chain}`);
  }
  for (const link of reasonChain) {
    if (link.events.length === 0) continue;
    lines.push(`  Last events of ${describeRow(link)}:`);
    lines.push(...link.events.map((event) => `    ${describeEvent(event)}`));
  }
  return lines;
}

function describeEvent(event: ObjectEvent): string {
  const repeated = event.count && event.count > 1 ? ` (x${event.count})` : "";
  const when = event.lastSeen ? `${event.lastSeen} ` : "";
  return `${when}${event.type} ${event.reason}: ${event.message}${repeated}`;
}
