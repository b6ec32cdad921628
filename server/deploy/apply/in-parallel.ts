// Bounded concurrency for apply (issue 12): chains of object indexes, each chain in order.
/**
 * Runs the chains with at most `limit` in flight, each chain's indexes one after another. After a
 * failure nothing new starts; the ones in flight finish, and the failure of the lowest index is
 * thrown (several may fail at once: the one first in document order is reported).
 */
export async function inParallel(chains: number[][], limit: number, run: (index: number) => Promise<void>): Promise<void> {
  const state: { failure?: { index: number; error: unknown } } = {};
  let next = 0;
  const worker = async () => {
    while (!state.failure && next < chains.length) {
      for (const index of chains[next++]!) {
        if (state.failure) return;
        try {
          await run(index);
        } catch (error) {
          const first = state.failure as { index: number } | undefined;
          if (!first || index < first.index) state.failure = { index, error };
          return;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), chains.length) }, worker));
  if (state.failure) throw state.failure.error;
}
