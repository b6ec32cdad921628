// The auditors' browser: search query (from URL query strings, so every value arrives as a
// string and an empty form field means "no filter"), result DTOs, and export formats.
import { z } from "zod";
import { ROW_STATUSES, type RowStatus } from "./object-status.ts";

export const AUDIT_OUTCOMES = ["Succeeded", "Failed", "TimedOut"] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];
export const AUDIT_MAX_PAGE_SIZE = 200;
export const AUDIT_DEFAULT_PAGE_SIZE = 50;
/** Totals are counted up to this many matches, then reported as "more than". */
export const AUDIT_TOTAL_CAP = 1_000;
export const AUDIT_EXPORT_MAX_ROWS = 100_000;
/** Shorter message fragments cannot use the PostgreSQL trigram index and would scan. */
export const AUDIT_MESSAGE_MIN_LENGTH = 3;

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : typeof value === "string" ? value.trim() : value);
const text = (max: number) => z.preprocess(blankToUndefined, z.string().max(max, `At most ${max} characters`).optional());
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A date ("2026-01-31", a whole UTC day) or an ISO date-time; `end` makes a date mean the end of that day. */
const instant = (edge: "start" | "end") =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine((value) => DATE_ONLY.test(value) || !Number.isNaN(Date.parse(value)), "Enter a date (YYYY-MM-DD) or an ISO date-time")
      .transform((value) => {
        const parsed = new Date(DATE_ONLY.test(value) ? `${value}T00:00:00.000Z` : value);
        return DATE_ONLY.test(value) && edge === "end" ? new Date(parsed.getTime() + 86_400_000) : parsed;
      })
      .optional(),
  );

export type AuditCursor = { frozenAt: string; stepRunId: string; objectId?: string };

/** Cursors are opaque to clients (base64url JSON), validated here so a tampered one is a 422. */
export function encodeAuditCursor(cursor: AuditCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

const cursorShape = z.object({ frozenAt: z.iso.datetime(), stepRunId: z.string().min(1).max(64), objectId: z.string().min(1).max(64).optional() });

const cursor = z.preprocess(
  blankToUndefined,
  z
    .string()
    .max(512)
    .transform((value, context) => {
      try {
        return cursorShape.parse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
      } catch {
        context.addIssue({ code: "custom", message: "Not a valid page cursor" });
        return z.NEVER;
      }
    })
    .optional(),
);

export const auditFilters = z
  .object({
    projectId: text(64),
    environmentId: text(64),
    outcome: z.preprocess(blankToUndefined, z.enum(AUDIT_OUTCOMES, "Choose Succeeded, Failed or TimedOut").optional()),
    objectStatus: z.preprocess(blankToUndefined, z.enum(ROW_STATUSES, "Choose InProgress, Success, Error or TimedOut").optional()),
    kind: text(253),
    namespace: text(253),
    name: text(253),
    nameMatch: z.preprocess(blankToUndefined, z.enum(["prefix", "contains"]).default("prefix")),
    message: z.preprocess(
      blankToUndefined,
      z.string().min(AUDIT_MESSAGE_MIN_LENGTH, `Enter at least ${AUDIT_MESSAGE_MIN_LENGTH} characters`).max(200, "At most 200 characters").optional(),
    ),
    from: instant("start"),
    to: instant("end"),
  })
  .refine((filters) => !filters.from || !filters.to || filters.from < filters.to, { message: "The end must be after the start", path: ["to"] });
export type AuditFilters = z.output<typeof auditFilters>;

export const auditModes = ["snapshots", "objects"] as const;
export type AuditMode = (typeof auditModes)[number];

export const auditSearchQuery = z
  .object({
    mode: z.preprocess(blankToUndefined, z.enum(auditModes).default("snapshots")),
    limit: z.preprocess(
      blankToUndefined,
      z.coerce.number().int("A whole number").min(1).max(AUDIT_MAX_PAGE_SIZE, `At most ${AUDIT_MAX_PAGE_SIZE}`).default(AUDIT_DEFAULT_PAGE_SIZE),
    ),
    /** Rows after this cursor (next page) or before it (previous page); never both. */
    after: cursor,
    before: cursor,
    /** "false" skips counting (the count is the slowest part of a broad search). */
    total: z.preprocess(blankToUndefined, z.enum(["true", "false"]).default("true")),
  })
  .and(auditFilters)
  .refine((query) => !(query.after && query.before), { message: "Use either after or before", path: ["before"] });
export type AuditSearchQuery = z.output<typeof auditSearchQuery>;

export const auditExportQuery = z
  .object({
    format: z.enum(["json", "csv"], "Choose json or csv"),
    mode: z.preprocess(blankToUndefined, z.enum(auditModes).default("objects")),
    limit: z.preprocess(
      blankToUndefined,
      z.coerce.number().int().min(1).max(AUDIT_EXPORT_MAX_ROWS, `At most ${AUDIT_EXPORT_MAX_ROWS}`).default(AUDIT_EXPORT_MAX_ROWS),
    ),
  })
  .and(auditFilters);
export type AuditExportQuery = z.output<typeof auditExportQuery>;

export const snapshotExportQuery = z.object({ format: z.enum(["json", "csv"], "Choose json or csv") });

export type StatusCounts = Record<RowStatus, number> & { total: number };

/** Where a snapshot comes from: enough to show it in a list and link to its deployment. */
export type SnapshotContext = {
  stepRunId: string;
  deploymentId: string;
  projectId: string;
  projectName: string;
  environmentId: string;
  environmentName: string;
  releaseVersion: string;
  stepName: string;
  stepPosition: number;
  outcome: AuditOutcome;
  outcomeMessage: string;
  frozenAt: string;
};

export type SnapshotHit = SnapshotContext & { counts: StatusCounts };

export type ObjectHit = {
  id: string;
  objectKey: string;
  parentKey: string | null;
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  status: RowStatus;
  message: string;
  summary: string;
  lastChangeAt: string;
  snapshot: SnapshotContext;
};

export type AuditTotal = { count: number; capped: boolean };

export type AuditPage<T> = { items: T[]; nextCursor: string | null; previousCursor: string | null; total: AuditTotal | null };

export type TimelineEntry = { at: string; status: RowStatus; message: string };

export type SnapshotObject = Omit<ObjectHit, "snapshot" | "id"> & { uid: string | null; topLevel: boolean; timeline: TimelineEntry[] };

export type SnapshotDetail = SnapshotContext & { failureSummary: unknown; counts: StatusCounts; objects: SnapshotObject[] };
