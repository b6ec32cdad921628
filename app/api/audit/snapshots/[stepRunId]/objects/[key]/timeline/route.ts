// GET /api/audit/snapshots/:stepRunId/objects/:key/timeline: one object's status transitions.
// The key is URL-encoded by clients (keys of objects not found yet contain slashes).
import { route } from "@/server/http/route.ts";
import { loadObjectTimeline } from "@/server/audit/snapshot.ts";

// Depending on the Next version a segment arrives decoded or not; keys never contain "%" (uids or
// apiVersion/kind/namespace/name), so decoding once more is safe.
function decodedKey(key: string): string {
  try {
    return key.includes("%") ? decodeURIComponent(key) : key;
  } catch {
    return key; // malformed escapes: look the key up as given (a 404)
  }
}

export const GET = route("audit:read", async ({ params, context }) => loadObjectTimeline(context.db, params.stepRunId ?? "", decodedKey(params.key ?? "")));
