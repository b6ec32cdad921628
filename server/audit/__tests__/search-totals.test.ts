// Capped totals of the audit search on SQLite and (when configured) PostgreSQL: a snapshot with
// many matching objects counts once, snapshots sharing a frozenAt count separately, and the cap
// of 1,000 is exact on both sides (1,000 matches is "1,000", 1,001 is "1,000+"). The snapshot
// total is a GROUP BY (frozenAt, stepRunId) in index order (server/audit/search.ts).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, testProviders, type TestDatabase } from "../../testing/test-database.ts";
import { call, installTestContext } from "../../testing/test-context.ts";
import { AUDIT_TOTAL_CAP } from "../../contracts/audit.ts";
import { createEnvironment, createProject, createSnapshot } from "./snapshot-builders.ts";
import * as snapshotsRoute from "../../../app/api/audit/snapshots/route.ts";
import * as objectsRoute from "../../../app/api/audit/objects/route.ts";

const url = (path: string, query: Record<string, string>) => `http://127.0.0.1${path}?${new URLSearchParams(query)}`;
/** One snapshot more than the cap; two snapshots share each frozenAt. */
const SNAPSHOTS = AUDIT_TOTAL_CAP + 1;
const frozenAt = (index: number) => new Date(Date.UTC(2026, 1, 1) + Math.floor(index / 2) * 1000);

for (const provider of testProviders()) {
  describe(`audit search totals on ${provider}`, () => {
    let database: TestDatabase;
    const runIds: string[] = [];

    before(async () => {
      database = await createTestDatabase(provider);
      installTestContext(database);
      const db = database.db;
      const projectId = (await createProject(db, "Audit Totals")).id;
      const environmentId = (await createEnvironment(db, "audit-totals")).id;
      // One deployment whose step runs are the snapshots (positions 1…), written in bulk.
      const first = await createSnapshot(db, { projectId, environmentId, frozenAt: new Date(Date.UTC(2025, 0, 1)) });
      const { releaseStepId } = await db.stepRun.findUniqueOrThrow({ where: { id: first.stepRunId }, select: { releaseStepId: true } });
      const runs = Array.from({ length: SNAPSHOTS }, (_, index) => ({
        id: `totals-run-${String(index).padStart(4, "0")}`,
        deploymentId: first.deploymentId,
        releaseStepId,
        position: index + 1,
        name: "Deploy",
        type: "kubernetes",
        verificationEnabled: true,
        status: "TimedOut",
        frozenAt: frozenAt(index),
        finishedAt: frozenAt(index),
      }));
      await db.stepRun.createMany({ data: runs });
      runIds.push(...runs.map((run) => run.id));
      // Each snapshot: three Pods (many matching rows for one snapshot) and a ConfigMap; all in
      // namespace "totals-a" except the last snapshot, so "totals-a" matches exactly the cap.
      const rows = runs.flatMap((run, index) =>
        ["Pod", "Pod", "Pod", "ConfigMap"].map((kind, n) => ({
          stepRunId: run.id,
          objectKey: `${run.id}-${n}`,
          topLevel: true,
          apiVersion: "v1",
          kind,
          namespace: index === SNAPSHOTS - 1 ? "totals-b" : "totals-a",
          name: `${kind.toLowerCase()}-${index}-${n}`,
          status: "Success",
          lastChangeAt: run.frozenAt,
          frozenAt: run.frozenAt,
          stepStatus: run.status,
          projectId,
          environmentId,
        })),
      );
      for (let start = 0; start < rows.length; start += 500) await db.objectRow.createMany({ data: rows.slice(start, start + 500) });
    });
    after(async () => database.cleanup());

    const search = async (mode: "snapshots" | "objects", query: Record<string, string>) => {
      const response = await call(mode === "snapshots" ? snapshotsRoute.GET : objectsRoute.GET, { url: url(`/api/audit/${mode}`, query) });
      assert.equal(response.status, 200, response.text);
      return response.json as { items: { stepRunId?: string; snapshot?: { stepRunId: string } }[]; nextCursor: string | null; total: unknown };
    };

    test("a snapshot with many matching objects counts once, snapshots sharing a frozenAt count apart", async () => {
      // 1,000 snapshots in "totals-a", each with three matching Pods: exactly the cap, not capped.
      assert.deepEqual((await search("snapshots", { namespace: "totals-a", kind: "Pod", limit: "10" })).total, { count: 1000, capped: false });
      assert.deepEqual((await search("snapshots", { kind: "Pod", outcome: "TimedOut", limit: "10" })).total, { count: 1000, capped: true });
      // Its one snapshot in "totals-b" (whole result on the first page, no count query).
      assert.deepEqual((await search("snapshots", { namespace: "totals-b", kind: "Pod" })).total, { count: 1, capped: false });
    });

    test("object totals count rows up to the cap", async () => {
      assert.deepEqual((await search("objects", { namespace: "totals-a", kind: "ConfigMap", limit: "10" })).total, { count: 1000, capped: false });
      assert.deepEqual((await search("objects", { kind: "Pod", limit: "10" })).total, { count: 1000, capped: true });
      assert.deepEqual((await search("objects", { namespace: "totals-b", limit: "2" })).total, { count: 4, capped: false });
    });

    test("pages of snapshots by objects list every snapshot once, newest first", async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await search("snapshots", { kind: "Pod", limit: "200", total: "false", ...(cursor ? { after: cursor } : {}) });
        seen.push(...page.items.map((item) => item.stepRunId ?? ""));
        cursor = page.nextCursor;
      } while (cursor);
      // Newest first; within a shared frozenAt the larger stepRunId first.
      assert.deepEqual(seen, [...runIds].reverse());
    });
  });
}
