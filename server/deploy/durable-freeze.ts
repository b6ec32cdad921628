// Freezing a step must not be lost to a busy or briefly unreachable database (a SQLite file locked
// by a backup for 20 s lost a succeeded step's snapshot). freezeDurably retries with backoff for a
// bounded time; when it gives up, the caller fails the step visibly and keepFreezing goes on
// trying in the background with the rows still held in memory, so the snapshot is written once
// the database is back.
import type { Database } from "../store/database.ts";
import type { Logger } from "../logging.ts";
import { freezeStep, type FreezeInput } from "../store/step-records.ts";
import { errorText, withRetry, type RetryPolicy } from "./retry.ts";

export const FREEZE_RETRY: RetryPolicy = { firstDelayMs: 250, maxDelayMs: 15_000, giveUpAfterMs: 5 * 60_000 };
const BACKGROUND_RETRY_MS = 30_000;

export type FreezeRetryOptions = { policy?: RetryPolicy; logger?: Logger; onRetry?: (error: unknown, attempt: number) => void };

export function freezeDurably(db: Database, stepRunId: string, input: FreezeInput, options: FreezeRetryOptions = {}): Promise<boolean> {
  return withRetry(
    () => freezeStep(db, stepRunId, input),
    options.policy ?? FREEZE_RETRY,
    (error, attempt, delayMs) => {
      options.logger?.warn({ err: error, stepRunId, attempt }, `freezing the step failed (${errorText(error)}); retrying in ${delayMs} ms`);
      options.onRetry?.(error, attempt);
    },
  );
}

/** After freezeDurably gave up: keeps trying every `everyMs` until the snapshot is written. */
export function keepFreezing(db: Database, stepRunId: string, input: FreezeInput, options: { everyMs?: number; logger?: Logger } = {}): Promise<void> {
  return (async () => {
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, options.everyMs ?? BACKGROUND_RETRY_MS));
      try {
        await freezeStep(db, stepRunId, input);
        options.logger?.info({ stepRunId }, "the step's snapshot was written after the database came back");
        return;
      } catch (error) {
        options.logger?.error({ err: error, stepRunId }, `the step's snapshot still cannot be written: ${errorText(error)}`);
      }
    }
  })();
}
