// Exports of the change trail, like the snapshot search's (export.ts): streamed page by page as
// the client reads, up to `limit` events, JSON (ending with count and truncated) or formula-safe
// CSV (csv.ts). The events hold no secret values, so neither does an export.
import type { Database } from "../store/database.ts";
import type { ChangeCursor, ChangeEventView, ChangeExportQuery } from "../contracts/audit.ts";
import { csvLine } from "./csv.ts";
import { EXPORT_FORMAT_VERSION } from "./export.ts";
import { searchChangePage } from "./change-search.ts";

const EXPORT_PAGE_SIZE = 1000;

export const CHANGE_CSV_HEADER = [
  "at",
  "actorName",
  "actorId",
  "actorVia",
  "ipAddress",
  "userAgent",
  "action",
  "targetType",
  "targetId",
  "targetName",
  "summary",
  "details",
  "eventId",
];

const csvCells = (event: ChangeEventView) => [
  event.at,
  event.actorName,
  event.actorId,
  event.actorVia,
  event.ipAddress,
  event.userAgent,
  event.action,
  event.targetType,
  event.targetId,
  event.targetName,
  event.summary,
  event.details ? JSON.stringify(event.details) : "",
  event.id,
];

/** The exported fields of an event (the link is the browser's, not the record's). */
const exported = ({ targetHref: _targetHref, ...event }: ChangeEventView) => event;

export function exportChanges(db: Database, query: ChangeExportQuery, exportedAt: Date): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const { format, limit, ...filters } = query;
  let cursor: ChangeCursor | undefined;
  let written = 0;
  let started = false;
  let done = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        const opening =
          format === "json"
            ? `{"format":"${EXPORT_FORMAT_VERSION}","exportedAt":"${exportedAt.toISOString()}","mode":"changes","filters":${JSON.stringify(filters)},"items":[`
            : csvLine(CHANGE_CSV_HEADER);
        controller.enqueue(encoder.encode(opening));
        return;
      }
      if (done) return;
      const result = await searchChangePage(db, filters, {
        limit: Math.min(EXPORT_PAGE_SIZE, limit - written),
        after: cursor,
        withTotal: false,
      });
      let chunk = "";
      for (const item of result.items) {
        chunk += format === "json" ? `${written > 0 ? "," : ""}\n${JSON.stringify(exported(item))}` : csvLine(csvCells(item));
        written++;
      }
      const last = result.items.at(-1);
      const more = Boolean(result.nextCursor) && written < limit;
      const truncated = Boolean(result.nextCursor) && written >= limit;
      cursor = last && more ? { at: last.at, id: last.id } : undefined;
      if (!more) {
        done = true;
        if (format === "json") chunk += `\n],"count":${written},"truncated":${truncated}}\n`;
      }
      if (chunk) controller.enqueue(encoder.encode(chunk));
      if (done) controller.close();
    },
  });
}
