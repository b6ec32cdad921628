// PostgreSQL only: the audit search's trigram indexes (GIN on ObjectRow.name and .message) take a
// frozen row's entries into their pending list, and the merge into the index proper runs after the
// freeze has committed, here, instead of inside a later freeze. GIN's "fast update" appends new
// entries to a pending list and merges the list once it outgrows `gin_pending_list_limit`, in
// whichever insert crosses the limit: with the default of 4 MB, about every second freeze of
// 10,000 rows paid the merge of the rows before it (freezes of 10,000 rows: 650–960 ms, median
// ~770, against 540–770, median ~590, with the merge moved out; docs/decisions.md, issue 12).
// Migration 20261201213837_freeze_write_cost raises the limit to 16 MB (room for ~5 such freezes
// if merges fall behind), and every freeze starts a merge when it commits. Searches stay exact
// meanwhile: a GIN scan reads the pending list too. `gin_clean_pending_list` merges what is there;
// inserts go on appending while it runs.
import type { Database } from "./database.ts";
import { logger } from "../logging.ts";

export const TRIGRAM_INDEXES = ["ObjectRow_name_trgm_idx", "ObjectRow_message_trgm_idx"] as const;
/** Merges both indexes' pending lists (also run by the audit benchmark's seed, which inserts without freezing). */
export const MERGE_PENDING_SQL = `SELECT ${TRIGRAM_INDEXES.map((name) => `gin_clean_pending_list('"${name}"'::regclass)`).join(", ")}`;

type State = { running: Promise<void> | null; again: boolean };
const states = new WeakMap<Database, State>();

/**
 * Merges the trigram indexes' pending lists on `db` (PostgreSQL), one merge at a time per client:
 * a call while one runs asks for one more after it. Resolves when the merges asked for so far are
 * done; never rejects (a failed merge is logged, and the next insert past the limit or autovacuum
 * merges instead).
 */
export function mergePendingSearchEntries(db: Database): Promise<void> {
  let state = states.get(db);
  if (!state) states.set(db, (state = { running: null, again: false }));
  if (state.running) {
    state.again = true;
    return state.running;
  }
  const current = state;
  current.running = (async () => {
    do {
      current.again = false;
      try {
        await db.$queryRawUnsafe(MERGE_PENDING_SQL);
      } catch (error) {
        logger().warn({ err: error }, "merging the audit search's pending index entries failed; the next merge or autovacuum does it");
      }
    } while (current.again);
    current.running = null;
  })();
  return current.running;
}
