// Retrying a database write with backoff: the engine's writes (task log, checkpoints, the frozen
// snapshot) must survive a database that is busy or briefly unreachable. Delays double from
// `firstDelayMs` up to `maxDelayMs`; the attempts stop when `giveUpAfterMs` has passed since the
// first one (the last error is then thrown). Nothing here sleeps in place of a condition: the
// delay is the backoff itself.
export type RetryPolicy = { firstDelayMs: number; maxDelayMs: number; giveUpAfterMs: number };

export async function withRetry<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy,
  onRetry?: (error: unknown, attemptNumber: number, delayMs: number) => void,
): Promise<T> {
  const started = Date.now();
  let delay = policy.firstDelayMs;
  for (let attemptNumber = 1; ; attemptNumber++) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() - started + delay > policy.giveUpAfterMs) throw error;
      onRetry?.(error, attemptNumber, delay);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, policy.maxDelayMs);
    }
  }
}

export const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));
