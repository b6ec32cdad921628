// Time as a dependency, so backoff, stall detection and lingering are unit-testable.
export type TimerHandle = { cancel(): void };
export type Clock = { now(): number; after(ms: number, callback: () => void): TimerHandle };

export const systemClock: Clock = {
  now: () => Date.now(),
  after(ms, callback) {
    const timer = setTimeout(callback, ms);
    timer.unref?.();
    return { cancel: () => clearTimeout(timer) };
  },
};

export const sleep = (clock: Clock, ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = clock.after(ms, resolve);
    signal?.addEventListener("abort", () => (timer.cancel(), resolve()), { once: true });
  });
