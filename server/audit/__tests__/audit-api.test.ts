// The auditors' API through the real route handlers, on SQLite and (when configured)
// PostgreSQL: filters, keyset pagination without gaps or duplicates, exports, 404 and 422.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, testProviders, type TestDatabase } from "../../testing/test-database.ts";
import { call, installTestContext } from "../../testing/test-context.ts";
import { freezeStep } from "../../store/step-records.ts";
import { createEnvironment, createProject, createSnapshot } from "./snapshot-builders.ts";
import { parseCsv } from "./parse-csv.ts";
import * as snapshotsRoute from "../../../app/api/audit/snapshots/route.ts";
import * as objectsRoute from "../../../app/api/audit/objects/route.ts";
import * as snapshotRoute from "../../../app/api/audit/snapshots/[stepRunId]/route.ts";
import * as snapshotExportRoute from "../../../app/api/audit/snapshots/[stepRunId]/export/route.ts";
import * as timelineRoute from "../../../app/api/audit/snapshots/[stepRunId]/objects/[key]/timeline/route.ts";
import * as searchExportRoute from "../../../app/api/audit/export/route.ts";

const url = (path: string, query: Record<string, string> = {}) => `http://127.0.0.1${path}?${new URLSearchParams(query)}`;
const at = (day: number, second = 0) => new Date(Date.UTC(2026, 0, day, 12, 0, second));

for (const provider of testProviders()) {
  describe(`audit API on ${provider}`, () => {
    let database: TestDatabase;
    let projectA: string;
    let projectB: string;
    let production: string;
    let staging: string;
    const ids = {} as Record<"shopOk" | "shopTimedOut" | "billingFailed" | "empty", string>;

    before(async () => {
      database = await createTestDatabase(provider);
      installTestContext(database);
      const db = database.db;
      projectA = (await createProject(db, "Audit Shop")).id;
      projectB = (await createProject(db, "Audit Billing")).id;
      production = (await createEnvironment(db, "audit-production")).id;
      staging = (await createEnvironment(db, "audit-staging")).id;
      ids.shopOk = (
        await createSnapshot(db, {
          projectId: projectA,
          environmentId: production,
          frozenAt: at(2),
          objects: [
            { key: "dep-web", kind: "Deployment", namespace: "shop", name: "web" },
            { key: "pod-web-1", kind: "Pod", namespace: "shop", name: "web-7f9-abc", parentKey: "dep-web" },
            { kind: "Service", namespace: "shop", name: "web" },
          ],
        })
      ).stepRunId;
      ids.shopTimedOut = (
        await createSnapshot(db, {
          projectId: projectA,
          environmentId: staging,
          outcome: "TimedOut",
          frozenAt: at(5),
          failureSummary: { blocking: [{ name: "worker" }] },
          objects: [
            {
              key: "dep-worker",
              kind: "Deployment",
              namespace: "shop-staging",
              name: "worker",
              status: "TimedOut",
              message: "Deployment does not have minimum availability",
            },
            {
              key: "pod-worker",
              kind: "Pod",
              namespace: "shop-staging",
              name: "worker-5d-xyz",
              status: "Error",
              message: "CrashLoopBackOff: back-off restarting failed container",
              parentKey: "dep-worker",
            },
            { kind: "ConfigMap", namespace: "shop-staging", name: '=HYPERLINK("http://evil"),"quoted"\nline' },
          ],
          transitions: [
            { key: "pod-worker", at: at(5, -20), status: "InProgress", message: "ContainerCreating" },
            { key: "pod-worker", at: at(5, -10), status: "Error", message: "CrashLoopBackOff" },
          ],
        })
      ).stepRunId;
      ids.billingFailed = (
        await createSnapshot(db, {
          projectId: projectB,
          environmentId: production,
          outcome: "Failed",
          frozenAt: at(9),
          objects: [{ kind: "Job", namespace: "billing", name: "migrate-db", status: "Error", message: "BackoffLimitExceeded" }],
        })
      ).stepRunId;
      ids.empty = (await createSnapshot(db, { projectId: projectB, environmentId: staging, frozenAt: at(10) })).stepRunId;
    });
    after(async () => database.cleanup());

    const snapshots = async (query: Record<string, string>) => call(snapshotsRoute.GET, { url: url("/api/audit/snapshots", query) });
    const objects = async (query: Record<string, string>) => call(objectsRoute.GET, { url: url("/api/audit/objects", query) });
    const snapshotIds = async (query: Record<string, string>) => {
      const response = await snapshots({ ...query, projectId: query.projectId ?? "" });
      assert.equal(response.status, 200, response.text);
      return (response.json.items as { stepRunId: string }[]).map((item) => item.stepRunId).filter((id) => Object.values(ids).includes(id));
    };

    test("snapshots come newest first with context and counts per status", async () => {
      const response = await snapshots({ projectId: projectA });
      assert.equal(response.status, 200, response.text);
      assert.deepEqual(
        response.json.items.map((item: { stepRunId: string }) => item.stepRunId),
        [ids.shopTimedOut, ids.shopOk],
      );
      const timedOut = response.json.items[0];
      assert.equal(timedOut.projectName, "Audit Shop");
      assert.equal(timedOut.environmentName, "audit-staging");
      assert.equal(timedOut.outcome, "TimedOut");
      assert.equal(timedOut.frozenAt, at(5).toISOString());
      assert.deepEqual(timedOut.counts, { InProgress: 0, Success: 1, Error: 1, TimedOut: 1, total: 3 });
      assert.deepEqual(response.json.total, { count: 2, capped: false });
    });

    test("each filter narrows the snapshots", async () => {
      assert.deepEqual(await snapshotIds({ outcome: "TimedOut" }), [ids.shopTimedOut]);
      assert.deepEqual(await snapshotIds({ outcome: "Failed" }), [ids.billingFailed]);
      assert.deepEqual(await snapshotIds({ environmentId: production }), [ids.billingFailed, ids.shopOk]);
      assert.deepEqual(await snapshotIds({ kind: "Job" }), [ids.billingFailed]);
      assert.deepEqual(await snapshotIds({ namespace: "shop" }), [ids.shopOk]);
      assert.deepEqual(await snapshotIds({ name: "worker-" }), [ids.shopTimedOut]);
      assert.deepEqual(await snapshotIds({ name: "ork", nameMatch: "contains" }), [ids.shopTimedOut]);
      assert.deepEqual(await snapshotIds({ name: "ork" }), [], "prefix does not match inside a name");
      assert.deepEqual(await snapshotIds({ message: "crashloop" }), [ids.shopTimedOut], "message text is case-insensitive");
      assert.deepEqual(await snapshotIds({ message: "100%" }), [], "% is a literal, not a wildcard");
      assert.deepEqual(await snapshotIds({ objectStatus: "Error", environmentId: production }), [ids.billingFailed]);
      assert.deepEqual(await snapshotIds({ from: "2026-01-05", to: "2026-01-09" }), [ids.billingFailed, ids.shopTimedOut], "to is the whole day");
      assert.deepEqual(await snapshotIds({ from: "2026-01-06T00:00:00Z" }), [ids.empty, ids.billingFailed]);
      assert.deepEqual(
        await snapshotIds({ projectId: projectB }),
        [ids.empty, ids.billingFailed],
        "a snapshot without objects is listed without object filters",
      );
    });

    test("objects mode returns matching rows with their snapshot", async () => {
      const response = await objects({ kind: "Pod" });
      assert.equal(response.status, 200, response.text);
      const names = response.json.items.map((item: { name: string }) => item.name);
      assert.deepEqual(names, ["worker-5d-xyz", "web-7f9-abc"]);
      assert.equal(response.json.items[0].snapshot.stepRunId, ids.shopTimedOut);
      assert.equal(response.json.items[0].status, "Error");
      const messages = await objects({ message: "BACKOFF", outcome: "Failed" });
      assert.deepEqual(
        messages.json.items.map((item: { name: string }) => item.name),
        ["migrate-db"],
      );
    });

    test("keyset pages have no duplicates or gaps, forwards and backwards", async () => {
      const db = database.db;
      const project = (await createProject(db)).id;
      // Several snapshots share a frozenAt, so the order needs the id tie-breaker.
      for (let index = 0; index < 13; index++) {
        await createSnapshot(db, {
          projectId: project,
          environmentId: production,
          frozenAt: at(20, index % 4),
          objects: Array.from({ length: 3 }, (_, n) => ({ name: `pod-${index}-${n}` })),
        });
      }
      for (const mode of ["snapshots", "objects"] as const) {
        const handler = mode === "snapshots" ? snapshotsRoute.GET : objectsRoute.GET;
        const key = (item: { stepRunId?: string; id?: string }) => item.id ?? item.stepRunId ?? "";
        const everything = await call(handler, { url: url(`/api/audit/${mode}`, { projectId: project, limit: "200" }) });
        const expected = everything.json.items.map(key);
        assert.equal(expected.length, mode === "snapshots" ? 13 : 39);
        const pages: string[][] = [];
        let cursor: string | null = null;
        do {
          const page: Awaited<ReturnType<typeof call>> = await call(handler, {
            url: url(`/api/audit/${mode}`, { projectId: project, limit: "4", total: "false", ...(cursor ? { after: cursor } : {}) }),
          });
          assert.equal(page.status, 200, page.text);
          pages.push(page.json.items.map(key));
          if (pages.length > 1) assert.ok(page.json.previousCursor, "a later page links back");
          cursor = page.json.nextCursor;
        } while (cursor);
        assert.deepEqual(pages.flat(), expected, `${mode}: pages concatenate to the full result`);
        // Walk back from the last page with previousCursor.
        const last = await call(handler, {
          url: url(`/api/audit/${mode}`, {
            projectId: project,
            limit: "4",
            after: (
              await call(handler, { url: url(`/api/audit/${mode}`, { projectId: project, limit: String(expected.length - (pages.at(-1)?.length ?? 0)) }) })
            ).json.nextCursor,
          }),
        });
        const backwards: string[][] = [last.json.items.map(key)];
        let previous: string | null = last.json.previousCursor;
        while (previous) {
          const page: Awaited<ReturnType<typeof call>> = await call(handler, {
            url: url(`/api/audit/${mode}`, { projectId: project, limit: "4", before: previous }),
          });
          backwards.unshift(page.json.items.map(key));
          previous = page.json.previousCursor;
        }
        assert.deepEqual(backwards.flat(), expected, `${mode}: walking back gives the same rows`);
      }
    });

    test("a frozen step whose rows were not stamped is still found", async () => {
      const project = (await createProject(database.db)).id;
      const { stepRunId } = await createSnapshot(database.db, {
        projectId: project,
        environmentId: staging,
        frozenAt: at(3),
        unstamped: true,
        objects: [{ kind: "Secret", name: "late-stamp" }],
      });
      assert.deepEqual(
        (await objects({ kind: "Secret", projectId: project })).json.items.map((item: { snapshot: { stepRunId: string } }) => item.snapshot.stepRunId),
        [stepRunId],
      );
    });

    test("freezeStep output is searchable (the search stamps rows freezeStep left unstamped)", async () => {
      const project = (await createProject(database.db)).id;
      const { stepRunId } = await createSnapshot(database.db, { projectId: project, environmentId: staging, frozenAt: at(4) });
      await database.db.stepRun.update({ where: { id: stepRunId }, data: { frozenAt: null, status: "Running" } });
      const frozen = await freezeStep(database.db, stepRunId, {
        status: "Succeeded",
        outcomeMessage: "ok",
        rows: [
          {
            key: "cm-1",
            uid: "cm-1",
            parentKey: null,
            apiVersion: "v1",
            kind: "ConfigMap",
            namespace: "frozen-ns",
            name: "settings",
            status: "Success",
            message: "",
            summary: "",
            lastChangeAt: at(4).toISOString(),
          },
        ],
        transitions: [{ key: "cm-1", at: at(4), status: "Success", message: "" }],
        finishedAt: at(4),
        lastSequence: 1,
      });
      assert.equal(frozen, true);
      const found = await objects({ namespace: "frozen-ns" });
      assert.deepEqual(
        found.json.items.map((item: { name: string }) => item.name),
        ["settings"],
      );
    });

    test("a snapshot opens with rows, failure summary and timelines", async () => {
      const response = await call(snapshotRoute.GET, { params: { stepRunId: ids.shopTimedOut } });
      assert.equal(response.status, 200, response.text);
      assert.equal(response.json.outcome, "TimedOut");
      assert.deepEqual(response.json.failureSummary, { blocking: [{ name: "worker" }] });
      const pod = response.json.objects.find((object: { objectKey: string }) => object.objectKey === "pod-worker");
      assert.deepEqual(
        pod.timeline.map((entry: { status: string }) => entry.status),
        ["InProgress", "Error"],
      );
      const timeline = await call(timelineRoute.GET, { params: { stepRunId: ids.shopTimedOut, key: "pod-worker" } });
      assert.equal(timeline.status, 200);
      assert.deepEqual(
        timeline.json.timeline.map((entry: { message: string }) => entry.message),
        ["ContainerCreating", "CrashLoopBackOff"],
      );
    });

    test("unknown snapshots and objects are 404, a step still running too", async () => {
      assert.equal((await call(snapshotRoute.GET, { params: { stepRunId: "missing" } })).status, 404);
      assert.equal((await call(snapshotExportRoute.GET, { url: url("/x", { format: "csv" }), params: { stepRunId: "missing" } })).status, 404);
      assert.equal((await call(timelineRoute.GET, { params: { stepRunId: ids.shopOk, key: "nope" } })).status, 404);
      const project = (await createProject(database.db)).id;
      const { stepRunId } = await createSnapshot(database.db, { projectId: project, environmentId: staging, frozenAt: at(1) });
      await database.db.stepRun.update({ where: { id: stepRunId }, data: { frozenAt: null } });
      assert.equal((await call(snapshotRoute.GET, { params: { stepRunId } })).status, 404);
    });

    test("invalid queries are 422 with field issues", async () => {
      const cases: [Record<string, string>, string][] = [
        [{ limit: "500" }, "limit"],
        [{ limit: "abc" }, "limit"],
        [{ outcome: "Exploded" }, "outcome"],
        [{ objectStatus: "Bad" }, "objectStatus"],
        [{ after: "not-a-cursor" }, "after"],
        [{ from: "yesterday" }, "from"],
        [{ from: "2026-02-01", to: "2026-01-01" }, "to"],
        [{ message: "ab" }, "message"],
        [{ mode: "everything" }, "mode"],
      ];
      for (const [query, path] of cases) {
        const response = await snapshots(query);
        assert.equal(response.status, 422, `${JSON.stringify(query)}: ${response.text}`);
        assert.ok(
          response.json.issues.some((issue: { path: string }) => issue.path === path),
          `${JSON.stringify(query)} → ${response.text}`,
        );
      }
      const badFormat = await call(snapshotExportRoute.GET, { url: url("/x", { format: "xml" }), params: { stepRunId: ids.shopOk } });
      assert.equal(badFormat.status, 422);
      assert.equal(badFormat.json.issues[0].path, "format");
      assert.equal((await call(searchExportRoute.GET, { url: url("/api/audit/export", { format: "csv", limit: "100001" }) })).status, 422);
    });

    test("snapshot export as JSON and as CSV with quoting and formula protection", async () => {
      const json = await call(snapshotExportRoute.GET, { url: url("/x", { format: "json" }), params: { stepRunId: ids.shopTimedOut } });
      assert.equal(json.status, 200);
      assert.equal(json.json.snapshot.outcome, "TimedOut");
      assert.equal(json.json.objects.length, 3);
      assert.ok(
        json.json.objects.every((object: Record<string, unknown>) => !("manifest" in object) && !("observed" in object)),
        "no manifests in exports",
      );
      const csv = await call(snapshotExportRoute.GET, { url: url("/x", { format: "csv" }), params: { stepRunId: ids.shopTimedOut } });
      assert.equal(csv.status, 200);
      assert.match(csv.text, /\r\n$/);
      const [header, ...rows] = parseCsv(csv.text);
      assert.ok(header);
      assert.equal(rows.length, 3);
      const column = (name: string) => header.indexOf(name);
      const configMap = rows.find((row) => row[column("kind")] === "ConfigMap");
      assert.equal(configMap?.[column("name")], `'=HYPERLINK("http://evil"),"quoted"\nline`, "quoted, doubled quotes, newline kept, formula prefixed");
      const pod = rows.find((row) => row[column("objectKey")] === "pod-worker");
      assert.equal(pod?.[column("status")], "Error");
      assert.equal(pod?.[column("timeline")]?.split("\n").length, 2);
      assert.equal(pod?.[column("outcome")], "TimedOut");
    });

    test("search export streams every matching row as CSV and JSON", async () => {
      const csv = await call(searchExportRoute.GET, { url: url("/api/audit/export", { format: "csv", mode: "objects", projectId: projectA }) });
      assert.equal(csv.status, 200, csv.text);
      const [header, ...rows] = parseCsv(csv.text);
      assert.equal(header?.[0], "project");
      assert.equal(rows.length, 6);
      const json = await call(searchExportRoute.GET, { url: url("/api/audit/export", { format: "json", mode: "snapshots", projectId: projectA, limit: "1" }) });
      assert.equal(json.status, 200, json.text);
      assert.equal(json.json.items.length, 1);
      assert.equal(json.json.truncated, true);
      assert.equal(json.json.items[0].stepRunId, ids.shopTimedOut);
    });
  });
}
