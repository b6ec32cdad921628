// The status of one object row: a distinct icon per status plus its label, so the status never
// depends on colour (or on the icon) alone. The icons are decorative; the label is the text.
import type { ReactNode } from "react";
import type { RowStatus } from "@/server/contracts/object-status.ts";

export const ROW_STATUS_LABELS: Record<RowStatus, string> = {
  InProgress: "In progress",
  Success: "Success",
  Error: "Error",
  TimedOut: "Timed out while in progress",
};

const tone: Record<RowStatus, string> = {
  InProgress: "text-blue-700",
  Success: "text-green-700",
  Error: "text-red-700",
  TimedOut: "text-orange-700",
};

/** `wrap`: the label may take two lines (in a narrow table column), the icon stays on the first. */
export function RowStatusLabel({ status, wrap = false }: { status: RowStatus; wrap?: boolean }) {
  return (
    <span className={`inline-flex gap-1.5 font-medium ${wrap ? "items-start" : "items-center whitespace-nowrap"} ${tone[status]}`} data-status={status}>
      <RowStatusIcon status={status} />
      {ROW_STATUS_LABELS[status]}
    </span>
  );
}

export function RowStatusIcon({ status }: { status: RowStatus }) {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false" className="shrink-0" data-icon={status}>
      {iconPaths[status]}
    </svg>
  );
}

const stroke = { fill: "none", stroke: "currentColor", strokeWidth: 2, strokeLinecap: "round", strokeLinejoin: "round" } as const;

const iconPaths: Record<RowStatus, ReactNode> = {
  // A three-quarter ring: reads as "busy" like a spinner, without animating (reduced motion).
  InProgress: (
    <>
      <circle cx="8" cy="8" r="6" {...stroke} strokeOpacity="0.25" />
      <path d="M8 2a6 6 0 0 1 6 6" {...stroke} />
    </>
  ),
  Success: (
    <>
      <circle cx="8" cy="8" r="7" fill="currentColor" />
      <path d="M4.5 8.2l2.3 2.3 4.7-4.9" {...stroke} stroke="white" />
    </>
  ),
  Error: (
    <>
      <circle cx="8" cy="8" r="7" fill="currentColor" />
      <path d="M5.5 5.5l5 5M10.5 5.5l-5 5" {...stroke} stroke="white" />
    </>
  ),
  TimedOut: (
    <>
      <circle cx="8" cy="8" r="6.2" {...stroke} />
      <path d="M8 4.5V8l2.5 1.8" {...stroke} />
    </>
  ),
};
