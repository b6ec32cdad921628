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

// ── The change trail (AuditEvent): who created or changed what, who deployed what, when, from where.

export const CHANGE_TARGET_TYPES = ["project", "step", "release", "deployment", "environment", "target", "user", "group-mapping", "token", "setting"] as const;
export type ChangeTargetType = (typeof CHANGE_TARGET_TYPES)[number];
export const CHANGE_TARGET_LABELS: Record<ChangeTargetType, string> = {
  project: "Project",
  step: "Step",
  release: "Release",
  deployment: "Deployment",
  environment: "Environment",
  target: "Kubernetes target",
  user: "User",
  "group-mapping": "Group mapping",
  token: "API token",
  setting: "Server setting",
};
export const CHANGE_ACTOR_VIAS = ["session", "token", "system"] as const;
export type ChangeActorVia = (typeof CHANGE_ACTOR_VIAS)[number];
/** Free text shorter than this matches almost everything and only costs a scan. */
export const CHANGE_SEARCH_MIN_LENGTH = 2;

/** The actions the server records, as filter choices (a filter is a prefix: "step" is every step action). */
export const CHANGE_ACTION_CHOICES: { value: string; label: string }[] = [
  { value: "project", label: "Projects: created, changed, deleted" },
  { value: "step", label: "Steps: added, changed, enabled, reordered, deleted" },
  { value: "process.import", label: "Process imported" },
  { value: "release.create", label: "Release created" },
  { value: "deployment.create", label: "Deployment started" },
  { value: "environment", label: "Environments: created, changed, deleted" },
  { value: "target", label: "Kubernetes targets: connected, changed" },
  { value: "user.sign-in", label: "Signed in" },
  { value: "user", label: "Users: every change and sign-in" },
  { value: "user.roles", label: "User roles changed" },
  { value: "group-mapping", label: "Group mappings" },
  { value: "token", label: "API tokens: created, revoked" },
  { value: "setting.update", label: "Server settings changed" },
  { value: "setup.complete", label: "First-run setup" },
];

export type ChangeCursor = { at: string; id: string };

export function encodeChangeCursor(cursor: ChangeCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

const changeCursorShape = z.object({ at: z.iso.datetime(), id: z.string().min(1).max(64) });

const changeCursor = z.preprocess(
  blankToUndefined,
  z
    .string()
    .max(512)
    .transform((value, context) => {
      try {
        return changeCursorShape.parse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
      } catch {
        context.addIssue({ code: "custom", message: "Not a valid page cursor" });
        return z.NEVER;
      }
    })
    .optional(),
);

export const changeFilters = z
  .object({
    /** Part of the actor's name, any case. */
    actor: text(200),
    /** Exactly this actor (a user id). */
    actorId: text(64),
    /** The start of an action: "step" or "step.update". */
    action: z.preprocess(
      blankToUndefined,
      z
        .string()
        .max(64, "At most 64 characters")
        .regex(/^[a-z-]+(\.[a-z-]*)?$/, "An action looks like step or step.update")
        .optional(),
    ),
    targetType: z.preprocess(blankToUndefined, z.enum(CHANGE_TARGET_TYPES, "Choose one of the listed kinds of target").optional()),
    targetId: text(64),
    /** Part of the target's name, the summary or the actor's name, any case. */
    search: z.preprocess(
      blankToUndefined,
      z.string().min(CHANGE_SEARCH_MIN_LENGTH, `Enter at least ${CHANGE_SEARCH_MIN_LENGTH} characters`).max(200, "At most 200 characters").optional(),
    ),
    from: instant("start"),
    to: instant("end"),
  })
  .refine((filters) => !filters.from || !filters.to || filters.from < filters.to, { message: "The end must be after the start", path: ["to"] });
export type ChangeFilters = z.output<typeof changeFilters>;

export const changeSearchQuery = z
  .object({
    limit: z.preprocess(
      blankToUndefined,
      z.coerce.number().int("A whole number").min(1).max(AUDIT_MAX_PAGE_SIZE, `At most ${AUDIT_MAX_PAGE_SIZE}`).default(AUDIT_DEFAULT_PAGE_SIZE),
    ),
    after: changeCursor,
    before: changeCursor,
    total: z.preprocess(blankToUndefined, z.enum(["true", "false"]).default("true")),
  })
  .and(changeFilters)
  .refine((query) => !(query.after && query.before), { message: "Use either after or before", path: ["before"] });
export type ChangeSearchQuery = z.output<typeof changeSearchQuery>;

export const changeExportQuery = z
  .object({
    format: z.enum(["json", "csv"], "Choose json or csv"),
    limit: z.preprocess(
      blankToUndefined,
      z.coerce.number().int().min(1).max(AUDIT_EXPORT_MAX_ROWS, `At most ${AUDIT_EXPORT_MAX_ROWS}`).default(AUDIT_EXPORT_MAX_ROWS),
    ),
  })
  .and(changeFilters);
export type ChangeExportQuery = z.output<typeof changeExportQuery>;

/** Facts about a change: names of changed fields, versions, counts; never a secret value. */
export type ChangeDetails = Record<string, string | number | boolean | null | string[]>;

export type ChangeEventView = {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string;
  actorVia: ChangeActorVia;
  action: string;
  targetType: ChangeTargetType;
  targetId: string | null;
  targetName: string;
  summary: string;
  ipAddress: string | null;
  userAgent: string | null;
  details: ChangeDetails | null;
  /** Where the target can be opened, while it still exists. */
  targetHref: string | null;
};
