// Scenario 5b: audit search latency over a large stored history. The data and the typical
// searches come from the audit engineer's bench/seed-audit.ts and bench/audit-search-latency.ts;
// this only runs them on fresh databases and collects the numbers. Loaded lazily, so the bench
// still runs (reporting "not measured") if those files are missing or broken.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createTestDatabase, postgresTestUrl } from "../../server/testing/test-database.ts";
import { nowMs } from "../lib/clock.ts";
import { round } from "../lib/stats.ts";
import type { Log } from "../lib/log.ts";

export type AuditSearchRow = {
  provider: "sqlite" | "postgresql";
  objectRows: number | null;
  seedSeconds: number | null;
  /** p95Ms: nearest rank over `runs` runs (absent in results before issue 12). */
  searches: { label: string; medianMs: number; p95Ms?: number; worstMs: number; nextPageMs: number; rows: number; total: string }[];
  note?: string;
};
export type AuditSearchResult = { config: { objectRows: number; runs: number }; rows: AuditSearchRow[]; note?: string };

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

export async function runAuditSearch(config: { objectRows: number; runs: number }, log: Log): Promise<AuditSearchResult> {
  if (!existsSync(here("../seed-audit.ts")) || !existsSync(here("../audit-search-latency.ts")))
    return { config, rows: [], note: "not measured yet: bench/seed-audit.ts or bench/audit-search-latency.ts does not exist" };
  const seed = (await import("../seed-audit.ts")) as unknown as {
    seedAuditDatabase: (url: string, shape: Record<string, unknown>, log?: (line: string) => void) => Promise<{ objectRows: number; seconds: number }>;
  };
  const history = (await import("../audit-history.ts")) as unknown as { defaultShape: Record<string, unknown> };
  const latency = (await import("../audit-search-latency.ts")) as unknown as {
    measureAuditSearches: (
      url: string,
      runs?: number,
      withTotal?: boolean,
    ) => Promise<AuditSearchRow["searches"] extends (infer T)[] ? (Omit<T, "nextPageMs"> & { page2Ms: number })[] : never>;
  };
  const rows: AuditSearchRow[] = [];
  for (const provider of ["sqlite", "postgresql"] as const) {
    if (provider === "postgresql" && !postgresTestUrl) {
      rows.push({ provider, objectRows: null, seedSeconds: null, searches: [], note: "not measured: KDEPLOY_TEST_POSTGRES_URL not set" });
      continue;
    }
    const database = await createTestDatabase(provider);
    try {
      await database.db.$disconnect();
      const started = nowMs();
      const seeded = await seed.seedAuditDatabase(database.url, { ...history.defaultShape, objectRows: config.objectRows }, (line) =>
        log.debug(`  audit seed ${provider}: ${line.trim()}`),
      );
      const seedSeconds = round((nowMs() - started) / 1000);
      const searches = (await latency.measureAuditSearches(database.url, config.runs, true)).map((s) => ({
        label: s.label,
        medianMs: round(s.medianMs)!,
        p95Ms: round(s.p95Ms ?? s.medianMs)!,
        worstMs: round(s.worstMs)!,
        nextPageMs: round(s.page2Ms)!,
        rows: s.rows,
        total: s.total,
      }));
      const slowest = searches.reduce((max, s) => Math.max(max, s.p95Ms ?? s.medianMs), 0);
      log.info(`  audit search ${provider} over ${seeded.objectRows} rows: slowest p95 ${slowest} ms over ${config.runs} runs (seeded in ${seedSeconds} s)`);
      rows.push({ provider, objectRows: seeded.objectRows, seedSeconds, searches });
    } catch (error) {
      log.info(`  audit search ${provider}: FAILED ${(error as Error).message}`);
      rows.push({ provider, objectRows: null, seedSeconds: null, searches: [], note: `failed: ${(error as Error).message.slice(0, 300)}` });
    } finally {
      await database.cleanup().catch(() => undefined);
    }
  }
  return { config, rows };
}
