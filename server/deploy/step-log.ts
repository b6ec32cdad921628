// The task log of one step run: numbered, timestamped lines, written in small batches so the log
// is readable while the step runs, and announced to live viewers as they are written.
// Writes are independent: a batch that fails is retried with backoff and, when the database
// still refuses it, goes back to the pending lines (written with the next batch, or the final
// flush). flush() never rejects, so a database hiccup can neither poison later writes nor stop
// the process with an unhandled rejection, nor keep a step from freezing.
import type { Database } from "../store/database.ts";
import type { Logger } from "../logging.ts";
import { appendLogLines, type LogLevel } from "../store/step-records.ts";
import type { EngineEvents } from "./engine-events.ts";
import { errorText, withRetry, type RetryPolicy } from "./retry.ts";

type Line = { seq: number; at: Date; level: LogLevel; message: string };

export const LOG_WRITE_RETRY: RetryPolicy = { firstDelayMs: 100, maxDelayMs: 2_000, giveUpAfterMs: 10_000 };

export class StepLog {
  private seq = 0;
  private pending: Line[] = [];
  private writing: Promise<void> = Promise.resolve();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly db: Database,
    private readonly events: EngineEvents,
    private readonly deploymentId: string,
    private readonly stepRunId: string,
    private readonly options: {
      logger?: Logger;
      retry?: RetryPolicy;
      /** The last line number already written (a step resumed after a restart). */ lastSeq?: number;
      /** Lines are written only while the step's deployment is claimed by this instance (appendLogLines). */
      leaseOwner?: string;
    } = {},
  ) {
    this.seq = options.lastSeq ?? 0;
  }

  private dropped = false;

  write(level: LogLevel, message: string, at = new Date()) {
    if (this.dropped) return;
    for (const line of message.split("\n")) {
      const entry = { seq: ++this.seq, at, level, message: line };
      this.pending.push(entry);
      this.events.emit("log", { deploymentId: this.deploymentId, stepRunId: this.stepRunId, lines: [{ ...entry, at: at.toISOString() }] });
    }
    this.timer ??= setTimeout(() => void this.flush(), 250);
  }

  /**
   * The lease is lost: the instance that took over numbers this task log now. Pending lines are
   * dropped and no line is written or announced again (a batch under way is refused by its lease check).
   */
  drop() {
    this.dropped = true;
    this.pending = [];
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  info = (message: string) => this.write("info", message);
  warn = (message: string) => this.write("warning", message);
  error = (message: string) => this.write("error", message);

  /**
   * Writes the pending lines; resolves (never rejects) once this batch and the earlier ones are
   * done. The step's last flush passes the freeze's longer policy: lines written while the
   * database is locked at the end of a step must outlast the lock like the snapshot does.
   */
  flush(retry?: RetryPolicy): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.writing = this.writing.then(() => this.writeBatch(retry));
    return this.writing;
  }

  private async writeBatch(retry?: RetryPolicy): Promise<void> {
    const batch = this.pending.splice(0);
    if (batch.length === 0 || this.dropped) return;
    try {
      await withRetry(
        () => appendLogLines(this.db, this.stepRunId, batch, this.options.leaseOwner),
        retry ?? this.options.retry ?? LOG_WRITE_RETRY,
        (error, attempt, delayMs) =>
          this.options.logger?.warn(
            { err: error, stepRunId: this.stepRunId, attempt, delayMs },
            `writing task log lines failed (${errorText(error)}); retrying in ${delayMs} ms`,
          ),
      );
    } catch (error) {
      // Kept in memory: the next flush writes them with its own lines.
      if (!this.dropped) this.pending.unshift(...batch);
      this.options.logger?.error(
        { err: error, stepRunId: this.stepRunId, lines: batch.length },
        `task log lines could not be written (${errorText(error)}); kept for the next write`,
      );
    }
  }
}
