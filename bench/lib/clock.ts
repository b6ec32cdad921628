// One time base for every measurement: epoch milliseconds with sub-millisecond precision, so
// times taken in this process and in child processes (fan-out server) can be compared.
import { performance } from "node:perf_hooks";

export const nowMs = () => performance.timeOrigin + performance.now();

export const sleepMs = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Rejects after `ms` so no benchmark step can hang the run. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no result after ${Math.round(ms / 1000)} s`)), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
