// Coalesces a running step's row changes and writes them about once a second, so a crash loses
// little. A failed checkpoint is not dropped: its rows go back into the pending set (newer changes
// win) and the write is retried with backoff. The server log gets each failure; the task log gets
// one warning once checkpoints have failed for longer than `warnAfterMs`, and one line when they
// work again. The final freeze writes every row anyway, so nothing is lost while the step runs.
// Each write also appends the status transitions recorded since the last one (same transaction),
// so a step's history survives a restart or a takeover; the freeze adds only the rest.
import type { Database } from "../store/database.ts";
import type { Logger } from "../logging.ts";
import type { ObjectRowView } from "../contracts/object-status.ts";
import { checkpointRows, type RowDetails, type StoredTransition } from "../store/step-records.ts";
import { errorText } from "./retry.ts";

export type CheckpointerOptions = {
  intervalMs?: number;
  /** Backoff after a failed write: doubles from the first value up to the second. */
  retryDelayMs?: [first: number, max: number];
  warnAfterMs?: number;
  logger?: Logger;
  /** A warning line for the task log. */
  warn?: (message: string) => void;
  info?: (message: string) => void;
  /** Written only while the step's deployment is claimed by this instance (checkpointRows). */
  leaseOwner?: string;
};

export class Checkpointer {
  private upserts = new Map<string, ObjectRowView>();
  private removals = new Set<string>();
  private seq = 0;
  private timer?: NodeJS.Timeout;
  private writing: Promise<void> = Promise.resolve();
  private failingSince?: number;
  private warned = false;
  private delayMs: number;
  private stopped = false;
  private dropped = false;
  /** How many of the tracker's transitions are stored; the rest go with the next write (or the freeze). */
  private written = 0;
  /** The last write of transitions failed: it may have committed all the same (checked before writing them again). */
  private maybeStored = false;
  /** The tracker's transitions from an index on (set once the tracker exists). */
  transitionsFrom?: (index: number) => StoredTransition[];

  constructor(
    private readonly db: Database,
    private readonly stepRunId: string,
    private readonly details: Map<string, RowDetails>,
    private readonly options: CheckpointerOptions = {},
  ) {
    this.delayMs = this.firstRetryDelay;
  }

  private get firstRetryDelay() {
    return this.options.retryDelayMs?.[0] ?? 1_000;
  }

  add(upserts: ObjectRowView[], removals: string[], seq: number) {
    for (const row of upserts) {
      this.upserts.set(row.key, row);
      this.removals.delete(row.key);
    }
    for (const key of removals) {
      this.upserts.delete(key);
      this.removals.add(key);
    }
    this.seq = Math.max(this.seq, seq);
    this.schedule(this.options.intervalMs ?? 1_000);
  }

  private schedule(delayMs: number) {
    if (this.stopped) return;
    this.timer ??= setTimeout(() => void this.write(), delayMs);
  }

  private write(): Promise<void> {
    this.timer = undefined;
    if (this.upserts.size === 0 && this.removals.size === 0) return this.writing;
    const upserts = new Map(this.upserts);
    const removals = new Set(this.removals);
    const seq = this.seq;
    this.upserts.clear();
    this.removals.clear();
    this.writing = this.writing.then(async () => {
      const transitions = this.transitionsFrom?.(this.written) ?? [];
      try {
        if (this.dropped) return;
        await checkpointRows(
          this.db,
          this.stepRunId,
          [...upserts.values()],
          [...removals],
          seq,
          this.details,
          { items: transitions, maybeStored: this.maybeStored },
          this.options.leaseOwner,
        );
        this.written += transitions.length;
        this.maybeStored = false;
        this.succeeded();
      } catch (error) {
        if (transitions.length) this.maybeStored = true;
        this.failed(error, upserts, removals);
      }
    });
    return this.writing;
  }

  private succeeded() {
    if (this.failingSince !== undefined && this.warned) this.options.info?.("Checkpoints of the status table are written again.");
    this.failingSince = undefined;
    this.warned = false;
    this.delayMs = this.firstRetryDelay;
  }

  private failed(error: unknown, upserts: Map<string, ObjectRowView>, removals: Set<string>) {
    if (this.dropped) return;
    // Back into the pending set, unless a newer change of the same row arrived meanwhile.
    for (const [key, row] of upserts) if (!this.upserts.has(key) && !this.removals.has(key)) this.upserts.set(key, row);
    for (const key of removals) if (!this.upserts.has(key)) this.removals.add(key);
    const now = Date.now();
    this.failingSince ??= now;
    this.options.logger?.warn({ err: error, stepRunId: this.stepRunId }, `checkpoint of the status table failed: ${errorText(error)}`);
    if (!this.warned && now - this.failingSince >= (this.options.warnAfterMs ?? 30_000)) {
      this.warned = true;
      this.options.warn?.(
        `Warning: the status table could not be saved for ${Math.round((now - this.failingSince) / 1000)} s (${errorText(error)}); retrying. The final table is written when the step ends.`,
      );
    }
    const delay = this.delayMs;
    this.delayMs = Math.min(this.delayMs * 2, this.options.retryDelayMs?.[1] ?? 30_000);
    this.schedule(delay);
  }

  /** What the freeze still has to write of the tracker's transitions: those from `from` on, and whether some may be stored already. */
  unwrittenTransitions(): { from: number; maybeStored: boolean } {
    return { from: this.written, maybeStored: this.maybeStored };
  }

  /** Writes what is pending once more, then stops (a graceful server stop: the next start resumes from these rows). */
  async writeAndStop() {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.write();
  }

  /**
   * The lease is lost: another instance writes this step's rows now. What is pending is dropped and
   * nothing is written again (a write already under way is refused by its lease check).
   */
  async drop() {
    this.dropped = true;
    this.upserts.clear();
    this.removals.clear();
    await this.stop();
  }

  /** Stops writing (the freeze writes the final rows); resolves once the write under way is done. */
  async stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.writing;
  }
}
