// Polling with a deadline for integration tests: re-check a condition every 200 ms until it
// holds, never a fixed sleep. On timeout the error shows the last observed value.
export async function eventually<T>(description: string, probe: () => Promise<T>, isDone: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await probe();
      if (isDone(last)) return last;
    } catch (error) {
      lastError = error; // e.g. 404 before a controller created the object
    }
    if (Date.now() > deadline) {
      const seen = last === undefined ? `error: ${String(lastError)}` : JSON.stringify(last).slice(0, 2_000);
      throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${description}; last seen ${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
