// Latency of typical audit searches on a seeded database (bench/seed-audit.ts).
//   npx tsx bench/audit-search-latency.ts --database-url file:/tmp/audit-bench/sqlite-1m.db [--runs 5]
// Prints median, p95 (nearest rank) and worst time per query (through searchAudit, as the API
// runs it) as a table. The first run of each search is a warm-up, not counted.
import { parseArgs } from "node:util";
import { createDatabase } from "../server/store/database.ts";
import { auditSearchQuery } from "../server/contracts/audit.ts";
import { searchAudit } from "../server/audit/search.ts";
import { environmentId, projectId } from "./audit-history.ts";
import { percentile } from "./lib/stats.ts";

export const typicalSearches: { label: string; query: Record<string, string> }[] = [
  { label: "snapshots, no filter", query: {} },
  { label: "snapshots, outcome Failed", query: { outcome: "Failed" } },
  { label: "snapshots, project + last year", query: { projectId: projectId(3), from: "2025-11-01", to: "2026-10-31" } },
  { label: "snapshots, kind Pod + outcome TimedOut", query: { kind: "Pod", outcome: "TimedOut" } },
  { label: "snapshots, namespace", query: { namespace: "p7-staging" } },
  { label: "snapshots, message OOMKilled + environment", query: { message: "OOMKilled", environmentId: environmentId(0) } },
  { label: "objects, kind Pod + status Error", query: { mode: "objects", kind: "Pod", objectStatus: "Error" } },
  { label: "objects, kind CronJob (rare)", query: { mode: "objects", kind: "CronJob" } },
  { label: "objects, namespace + kind", query: { mode: "objects", namespace: "p7-staging", kind: "Deployment" } },
  { label: "objects, name prefix", query: { mode: "objects", name: "checkout-1" } },
  { label: "objects, name contains", query: { mode: "objects", name: "out-z", nameMatch: "contains" } },
  { label: "objects, message contains", query: { mode: "objects", message: "OOMKilled" } },
  { label: "objects, message + project + outcome", query: { mode: "objects", message: "ImagePull", projectId: projectId(12), outcome: "Failed" } },
  { label: "objects, message without matches (worst case)", query: { mode: "objects", message: "no-such-text" } },
  { label: "objects, project + kind Pod, page size 200", query: { mode: "objects", projectId: projectId(20), kind: "Pod", limit: "200" } },
];

export async function measureAuditSearches(databaseUrl: string, runs = 5, withTotal = true) {
  const db = createDatabase(databaseUrl);
  const results: { label: string; medianMs: number; p95Ms: number; worstMs: number; rows: number; total: string; page2Ms: number }[] = [];
  try {
    for (const search of typicalSearches) {
      const query = auditSearchQuery.parse({ ...search.query, total: String(withTotal) });
      const times: number[] = [];
      // Warm-up: the first search of a kind pays for the query plan and cold pages.
      let last: Awaited<ReturnType<typeof searchAudit>> | undefined = await searchAudit(db, query);
      for (let run = 0; run < runs; run++) {
        const started = performance.now();
        last = await searchAudit(db, query);
        times.push(performance.now() - started);
      }
      let page2Ms = 0;
      if (last?.nextCursor) {
        const started = performance.now();
        await searchAudit(db, auditSearchQuery.parse({ ...search.query, total: "false", after: last.nextCursor }));
        page2Ms = performance.now() - started;
      }
      times.sort((a, b) => a - b);
      const total = last?.total ? `${last.total.count}${last.total.capped ? "+" : ""}` : "—";
      results.push({
        label: search.label,
        medianMs: percentile(times, 50) ?? 0,
        p95Ms: percentile(times, 95) ?? 0,
        worstMs: times.at(-1) ?? 0,
        rows: last?.items.length ?? 0,
        total,
        page2Ms,
      });
    }
  } finally {
    await db.$disconnect();
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { "database-url": { type: "string" }, runs: { type: "string" }, "no-total": { type: "boolean" } } });
  const url = values["database-url"] ?? process.env.DATABASE_URL;
  if (!url) throw new Error("Pass --database-url or set DATABASE_URL");
  const results = await measureAuditSearches(url, Number(values.runs ?? 5), !values["no-total"]);
  console.log("| search | median ms | p95 ms | worst ms | next page ms | rows | total |\n|---|---:|---:|---:|---:|---:|---:|");
  for (const r of results)
    console.log(
      `| ${r.label} | ${r.medianMs.toFixed(1)} | ${r.p95Ms.toFixed(1)} | ${r.worstMs.toFixed(1)} | ${r.page2Ms.toFixed(1)} | ${r.rows} | ${r.total} |`,
    );
}
