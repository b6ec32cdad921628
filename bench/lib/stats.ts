// Small summary statistics for benchmark samples (nearest-rank percentiles: with few samples an
// interpolated p95 would invent values that were never measured).
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export const median = (values: readonly number[]) => percentile(values, 50);

export type Summary = { n: number; median: number | null; p95: number | null; p99: number | null; min: number | null; max: number | null };

export function summarize(values: readonly number[]): Summary {
  return {
    n: values.length,
    median: median(values),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    // A loop, not Math.min(...values): 100 clients × 4,000 batches overflow the call stack.
    min: values.length ? values.reduce((a, b) => (b < a ? b : a)) : null,
    max: values.length ? values.reduce((a, b) => (b > a ? b : a)) : null,
  };
}

/** Rounds for reports: milliseconds to 0.1 ms, larger numbers to integers. */
export const round = (value: number | null, digits = 1) => (value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits);

/**
 * A sample of a tool that may have been stopped at a cap: `ms` is then a lower bound (the tool
 * had not answered after `ms`), reported as "> ms".
 */
export type CappedSample = { ms: number; capped: boolean };
export type CappedValue = { ms: number; capped: boolean };
export type CappedSummary = { n: number; cappedRuns: number; median: CappedValue | null; p95: CappedValue | null };

/**
 * Nearest-rank percentiles where a capped sample ranks above every measured one (it took longer
 * than the cap, so longer than anything that finished below it). A percentile that lands on a
 * capped sample is itself "> cap": a median is only a number if most runs finished.
 */
export function summarizeCapped(samples: readonly CappedSample[]): CappedSummary {
  const sorted = [...samples].sort((a, b) => (a.capped === b.capped ? a.ms - b.ms : a.capped ? 1 : -1));
  const at = (p: number): CappedValue | null => {
    if (sorted.length === 0) return null;
    const rank = Math.ceil((p / 100) * sorted.length);
    const sample = sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
    return { ms: sample.ms, capped: sample.capped };
  };
  return { n: samples.length, cappedRuns: samples.filter((s) => s.capped).length, median: at(50), p95: at(95) };
}
