// Time as a dependency, so backoff, stall detection and lingering are unit-testable.
export type TimerHandle = { cancel(): void };
export type Clock = { now(): number; after(ms: number, callback: () => void): TimerHandle };

// setTimeout fires at once for delays beyond 2^31-1 ms (~24.8 days): longer waits are chained.
const MAX_TIMER_MS = 2 ** 31 - 1;

export const systemClock: Clock = {
  now: () => Date.now(),
  after(ms, callback) {
    let cancelled = false;
    let timer: NodeJS.Timeout;
    const schedule = (remaining: number) => {
      timer = setTimeout(() => (remaining > MAX_TIMER_MS ? schedule(remaining - MAX_TIMER_MS) : cancelled || callback()), Math.min(remaining, MAX_TIMER_MS));
      timer.unref?.();
    };
    schedule(Math.max(0, ms));
    return { cancel: () => ((cancelled = true), clearTimeout(timer)) };
  },
};

export const sleep = (clock: Clock, ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    // The abort listener goes when the timer fires: a long-lived stream sleeps many times on one signal.
    const onAbort = () => (timer.cancel(), resolve());
    const timer = clock.after(ms, () => (signal?.removeEventListener("abort", onAbort), resolve()));
    signal?.addEventListener("abort", onAbort, { once: true });
  });
