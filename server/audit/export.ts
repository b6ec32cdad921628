// Exports for auditors: one snapshot (rows + timeline + outcome) or a search result (streamed,
// page by page, up to AUDIT_EXPORT_MAX_ROWS), as JSON or CSV. Rows never carry manifests or
// observed state, so Secret values cannot leak through an export.
import type { Database } from "../store/database.ts";
import type { AuditExportQuery, ObjectHit, SnapshotContext, SnapshotDetail, SnapshotHit } from "../contracts/audit.ts";
import { ROW_STATUSES } from "../contracts/object-status.ts";
import type { AuditCursor } from "../contracts/audit.ts";
import { csvLine } from "./csv.ts";
import { loadSnapshot } from "./snapshot.ts";
import { searchObjects, searchSnapshots } from "./search.ts";
import { stampUnstampedSnapshots } from "./snapshot-row-context.ts";

export type ExportFormat = "json" | "csv";
export const EXPORT_FORMAT_VERSION = "kdeploy.audit/v1";

const CONTEXT_HEADER = ["project", "environment", "release", "step", "outcome", "snapshotTakenAt", "deploymentId", "stepRunId"];
const contextCells = (s: SnapshotContext) => [
  s.projectName,
  s.environmentName,
  s.releaseVersion,
  s.stepName,
  s.outcome,
  s.frozenAt,
  s.deploymentId,
  s.stepRunId,
];
const OBJECT_HEADER = ["objectKey", "parentKey", "kind", "apiVersion", "namespace", "name", "status", "summary", "message", "lastChangeAt"];
type ObjectCells = Pick<
  ObjectHit,
  "objectKey" | "parentKey" | "kind" | "apiVersion" | "namespace" | "name" | "status" | "summary" | "message" | "lastChangeAt"
>;
const objectCells = (o: ObjectCells) => [o.objectKey, o.parentKey, o.kind, o.apiVersion, o.namespace, o.name, o.status, o.summary, o.message, o.lastChangeAt];

export function contentType(format: ExportFormat): string {
  return format === "json" ? "application/json; charset=utf-8" : "text/csv; charset=utf-8; header=present";
}

export function attachmentHeaders(format: ExportFormat, baseName: string): Headers {
  return new Headers({
    "content-type": contentType(format),
    "content-disposition": `attachment; filename="${baseName.replace(/[^\w.-]+/g, "_")}.${format}"`,
    "cache-control": "no-store",
  });
}

export async function exportSnapshot(db: Database, stepRunId: string, format: ExportFormat): Promise<string> {
  return renderSnapshot(await loadSnapshot(db, stepRunId), format, new Date());
}

export function renderSnapshot(snapshot: SnapshotDetail, format: ExportFormat, exportedAt: Date): string {
  if (format === "json") {
    const { objects, ...header } = snapshot;
    return JSON.stringify({ format: EXPORT_FORMAT_VERSION, exportedAt: exportedAt.toISOString(), snapshot: header, objects }, null, 2);
  }
  // One line per object; its status timeline goes in one cell, one transition per line.
  let csv = csvLine([...CONTEXT_HEADER, ...OBJECT_HEADER, "timeline"]);
  for (const object of snapshot.objects) {
    const timeline = object.timeline.map((entry) => `${entry.at} ${entry.status}${entry.message ? `: ${entry.message}` : ""}`).join("\n");
    csv += csvLine([...contextCells(snapshot), ...objectCells(object), timeline]);
  }
  return csv;
}

const EXPORT_PAGE_SIZE = 1000;

/** Streams a search result; pages are fetched only as fast as the client reads. */
export function exportSearch(db: Database, query: AuditExportQuery, exportedAt: Date): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: AuditCursor | undefined;
  let written = 0;
  let started = false;
  let done = false;
  const counts = (hit: SnapshotHit) => ROW_STATUSES.map((status) => hit.counts[status]);
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        await stampUnstampedSnapshots(db);
        const { format: _format, limit: _limit, ...filters } = query;
        const opening =
          query.format === "json"
            ? `{"format":"${EXPORT_FORMAT_VERSION}","exportedAt":"${exportedAt.toISOString()}","mode":"${query.mode}","filters":${JSON.stringify(filters)},"items":[`
            : csvLine(query.mode === "objects" ? [...CONTEXT_HEADER, ...OBJECT_HEADER] : [...CONTEXT_HEADER, "outcomeMessage", ...ROW_STATUSES, "objects"]);
        controller.enqueue(encoder.encode(opening));
        return;
      }
      if (done) return;
      const page = { limit: Math.min(EXPORT_PAGE_SIZE, query.limit - written), after: cursor, withTotal: false };
      const result = query.mode === "objects" ? await searchObjects(db, query, page) : await searchSnapshots(db, query, page);
      const items: (ObjectHit | SnapshotHit)[] = result.items;
      let chunk = "";
      for (const item of items) {
        if (query.format === "json") chunk += `${written > 0 ? "," : ""}\n${JSON.stringify(item)}`;
        else
          chunk +=
            "snapshot" in item
              ? csvLine([...contextCells(item.snapshot), ...objectCells(item)])
              : csvLine([...contextCells(item), item.outcomeMessage, ...counts(item), item.counts.total]);
        written++;
      }
      const last = items.at(-1);
      const more = Boolean(result.nextCursor) && written < query.limit;
      const truncated = Boolean(result.nextCursor) && written >= query.limit;
      cursor = last && more ? lastCursor(last) : undefined;
      if (!more) {
        done = true;
        if (query.format === "json") chunk += `\n],"count":${written},"truncated":${truncated}}\n`;
      }
      if (chunk) controller.enqueue(encoder.encode(chunk));
      if (done) controller.close();
    },
  });
}

function lastCursor(item: ObjectHit | SnapshotHit): AuditCursor {
  return "snapshot" in item
    ? { frozenAt: item.snapshot.frozenAt, stepRunId: item.snapshot.stepRunId, objectId: item.id }
    : { frozenAt: item.frozenAt, stepRunId: item.stepRunId };
}
