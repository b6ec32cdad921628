// At the end of a failed or timed-out step: the blocking objects, the reason chain from pod to
// parent, and each one's last events, read on demand with a field selector on the object's uid.
import type { KubeConfig } from "@kubernetes/client-node";
import { getJson } from "../kube/http.ts";
import type { ObjectRowView } from "../contracts/object-status.ts";
import { buildFailureSummary, type FailureSummary, type ObjectEvent, type TrackedRow } from "../domain/outcome/index.ts";

type EventList = {
  items: {
    reason?: string;
    message?: string;
    type?: string;
    count?: number;
    lastTimestamp?: string;
    eventTime?: string;
    metadata?: { creationTimestamp?: string };
  }[];
};

export async function failureReport(
  kubeConfig: KubeConfig,
  rows: ObjectRowView[],
  reason: "error" | "timeout" | "timeoutDuringStabilization" | undefined,
): Promise<FailureSummary> {
  const tracked: TrackedRow[] = rows.map((row) => ({
    key: row.key,
    parentKey: row.parentKey,
    kind: row.kind,
    namespace: row.namespace || undefined,
    name: row.name,
    status: row.status,
    message: row.message,
  }));
  const first = buildFailureSummary(tracked, {}, { reason });
  const involved = new Map<string, ObjectRowView>();
  for (const blocking of first.blocking)
    for (const link of blocking.reasonChain) {
      const row = rows.find((r) => r.key === link.key);
      if (row?.uid) involved.set(row.key, row);
    }
  const eventsByObject: Record<string, ObjectEvent[]> = {};
  const signal = AbortSignal.timeout(10_000);
  await Promise.all(
    [...involved.values()].slice(0, 20).map(async (row) => {
      try {
        const path = row.namespace ? `/api/v1/namespaces/${row.namespace}/events` : "/api/v1/events";
        const list = await getJson<EventList>(kubeConfig, path, { fieldSelector: `involvedObject.uid=${row.uid}`, limit: 20 }, signal);
        eventsByObject[row.key] = list.items.map((event) => ({
          type: event.type ?? "Normal",
          reason: event.reason ?? "",
          message: event.message ?? "",
          count: event.count ?? 1,
          lastSeen: event.lastTimestamp ?? event.eventTime ?? event.metadata?.creationTimestamp,
        }));
      } catch {
        // Events are a courtesy: a failed read must not hide the summary itself.
      }
    }),
  );
  return buildFailureSummary(tracked, eventsByObject, { reason });
}
