// Rows of a step's table for database tests: `count` top-level Pods, each Success, with names and
// messages the test may choose per index.
import type { ObjectRowView } from "../contracts/object-status.ts";

export function podRows(
  count: number,
  options: { at?: Date; name?: (i: number) => string; message?: (i: number) => string; namespace?: string } = {},
): ObjectRowView[] {
  const at = (options.at ?? new Date()).toISOString();
  return Array.from({ length: count }, (_, i) => ({
    key: `pod-${i}`,
    uid: `pod-${i}`,
    parentKey: null,
    apiVersion: "v1",
    kind: "Pod",
    namespace: options.namespace ?? "ns",
    name: options.name?.(i) ?? `pod-${i}`,
    status: "Success",
    message: options.message?.(i) ?? "Running and ready",
    summary: "1/1",
    lastChangeAt: at,
  }));
}
