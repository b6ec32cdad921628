import type { OutcomeOptions } from "../outcomeTypes";
import type { RowStatus, TrackedRow } from "../trackedRow";

export const t0 = Date.parse("2025-06-02T10:00:00Z");
export const at = (seconds: number): number => t0 + seconds * 1000;

export function options(overrides: Partial<OutcomeOptions> = {}): OutcomeOptions {
  return { timeoutSeconds: 300, stabilizationSeconds: 10, podsCannotStart: null, ...overrides };
}

export function row(key: string, status: RowStatus, extra: Partial<TrackedRow> = {}): TrackedRow {
  const [kind = "Deployment", name = key] = key.split("/");
  return { key, parentKey: null, kind, namespace: "shop", name, status, message: status === "Success" ? "ok" : "waiting", ...extra };
}

export function child(key: string, parentKey: string, status: RowStatus, message: string = status): TrackedRow {
  return row(key, status, { parentKey, message });
}
