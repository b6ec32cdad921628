// The change trail's read side through the real route handlers, on both databases: auditors
// search and export, team members are refused, every filter narrows, keyset pages have no gaps or
// duplicates when events share a time (both directions), exports are complete, formula-safe and
// carry no links, and a target that still exists gets a link.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, testProviders, type TestDatabase } from "../../testing/test-database.ts";
import { call, installTestContext } from "../../testing/test-context.ts";
import { recordChange, type ChangeActor, type ChangeEvent } from "../change-trail.ts";
import { CLIENT_ADDRESS_HEADER } from "../../auth/auth-instance.ts";
import { CHANGE_CSV_HEADER } from "../change-export.ts";
import { parseCsv } from "./parse-csv.ts";
import { createProject } from "./snapshot-builders.ts";
import * as changesRoute from "../../../app/api/audit/changes/route.ts";
import * as exportRoute from "../../../app/api/audit/changes/export/route.ts";

const url = (path: string, query: Record<string, string> = {}) => `http://127.0.0.1${path}?${new URLSearchParams(query)}`;
const at = (day: number, second = 0) => new Date(Date.UTC(2026, 2, day, 9, 0, second));
const ada: ChangeActor = { id: "user-ada", name: "Ada Admin", via: "session" };
const bot: ChangeActor = { id: "user-bot", name: "Pipeline Bot", via: "token" };
const server: ChangeActor = { id: "system", name: "kdeploy", via: "system" };
const origin = (address: string) => ({ headers: new Headers({ [CLIENT_ADDRESS_HEADER]: address, "user-agent": "Mozilla/5.0 test" }) });

type View = { id: string; at: string; actorName: string; action: string; targetHref: string | null; summary: string };

for (const provider of testProviders()) {
  describe(`change trail search and export on ${provider}`, () => {
    let database: TestDatabase;
    let liveProjectId: string;
    const seeded: { at: Date; actor: ChangeActor; event: ChangeEvent }[] = [];

    before(async () => {
      database = await createTestDatabase(provider);
      installTestContext(database);
      liveProjectId = (await createProject(database.db, "Trail Live Shop")).id;
      const step = (name: string, field: string): ChangeEvent => ({
        action: "step.update",
        targetType: "step",
        targetId: `step-${name}`,
        targetName: name,
        summary: `changed step "${name}" of Shop: ${field}`,
        details: { changedFields: [field] },
      });
      seeded.push(
        {
          at: at(1),
          actor: ada,
          event: {
            action: "project.create",
            targetType: "project",
            targetId: liveProjectId,
            targetName: "Trail Live Shop",
            summary: "created project Trail Live Shop",
          },
        },
        {
          at: at(2),
          actor: ada,
          event: { action: "project.create", targetType: "project", targetId: "gone-project", targetName: "Old Shop", summary: "created project Old Shop" },
        },
        // Five events in the same millisecond: the id breaks the tie, and no page may skip or repeat one.
        ...["web", "worker", "cron", "db", "cache"].map((name) => ({ at: at(5), actor: bot, event: step(name, "config.image") })),
        {
          at: at(6),
          actor: bot,
          event: {
            action: "deployment.create",
            targetType: "deployment",
            targetId: "deployment-1",
            targetName: "Shop 1.2.3 → staging",
            summary: "deployed release 1.2.3 of Shop to staging",
            details: { releaseVersion: "1.2.3", environmentName: "staging" },
          },
        },
        {
          at: at(8),
          actor: ada,
          event: {
            action: "user.roles",
            targetType: "user",
            targetId: "user-grace",
            targetName: '=HYPERLINK("http://evil"),"Grace"',
            summary: "changed the roles of Grace from Team member to Auditor",
          },
        },
        {
          at: at(9),
          actor: server,
          event: {
            action: "setting.update",
            targetType: "setting",
            targetId: "serverPathRoots",
            targetName: "Server path roots",
            summary: "Server path roots: added /srv/charts",
          },
        },
        { at: at(9, 1), actor: ada, event: step("Step-Ada", "verification") },
      );
      for (const [index, { at: when, actor, event }] of seeded.entries()) {
        await recordChange(database.db, { principal: actor, request: origin(`192.0.2.${index + 1}`), ...event }, when);
      }
    });
    after(async () => database.cleanup());

    const search = (query: Record<string, string> = {}, as: "auditor" | "team-member" | "anonymous" | "release-manager" = "auditor") =>
      call(changesRoute.GET, { url: url("/api/audit/changes", query), as });
    const actions = async (query: Record<string, string>) => {
      const response = await search(query);
      assert.equal(response.status, 200, response.text);
      return (response.json.items as View[]).map((item) => `${item.action} ${item.summary}`);
    };

    test("an auditor gets the newest change first with who, via, from where, what and details", async () => {
      const response = await search();
      assert.equal(response.status, 200, response.text);
      assert.equal(response.json.items.length, seeded.length);
      assert.deepEqual(response.json.total, { count: seeded.length, capped: false });
      const [newest, settingEvent] = response.json.items;
      assert.equal(newest.summary, `changed step "Step-Ada" of Shop: verification`);
      assert.equal(newest.at, at(9, 1).toISOString());
      assert.equal(newest.actorName, "Ada Admin");
      assert.equal(newest.actorId, "user-ada");
      assert.equal(newest.actorVia, "session");
      assert.equal(newest.ipAddress, `192.0.2.${seeded.length}`);
      assert.equal(newest.userAgent, "Mozilla/5.0 test");
      assert.deepEqual(newest.details, { changedFields: ["verification"] });
      assert.equal(settingEvent.actorVia, "system");
      assert.equal(settingEvent.actorId, null, "the server acting on its own has no user id");
    });

    test("release managers may read it too; team members get 403, nobody signed in 401", async () => {
      assert.equal((await search({}, "release-manager")).status, 200);
      assert.equal((await search({}, "team-member")).status, 403);
      assert.equal((await search({}, "anonymous")).status, 401);
      assert.equal((await call(exportRoute.GET, { url: url("/api/audit/changes/export", { format: "csv" }), as: "team-member" })).status, 403);
    });

    test("each filter narrows: actor, actor id, action prefix, target type and id, free text, time range", async () => {
      assert.equal((await actions({ actor: "pipeline" })).length, 6, "actor name, any case");
      assert.equal((await actions({ actorId: "user-ada" })).length, 4);
      assert.equal((await actions({ action: "step" })).length, 6, "a prefix");
      assert.equal((await actions({ action: "step.update" })).length, 6);
      assert.deepEqual(await actions({ action: "deployment.create" }), ["deployment.create deployed release 1.2.3 of Shop to staging"]);
      assert.deepEqual(await actions({ action: "step.updat" }), await actions({ action: "step.update" }), "any start of an action");
      assert.equal((await actions({ action: "steps" })).length, 0);
      assert.equal((await actions({ targetType: "project" })).length, 2);
      assert.equal((await actions({ targetType: "project", targetId: liveProjectId })).length, 1);
      assert.deepEqual(await actions({ search: "STAGING" }), ["deployment.create deployed release 1.2.3 of Shop to staging"], "summary, any case");
      assert.equal((await actions({ search: "old shop" })).length, 1, "target name");
      assert.equal((await actions({ search: "Pipeline" })).length, 6, "actor name");
      assert.equal((await actions({ search: "50%" })).length, 0, "% is a literal");
      assert.equal((await actions({ from: "2026-03-05", to: "2026-03-06" })).length, 6, "a date range includes both whole days");
      assert.equal((await actions({ from: "2026-03-09" })).length, 2);
      assert.equal((await actions({ to: "2026-03-01" })).length, 1);
      assert.equal((await actions({ actor: "ada", action: "project", from: "2026-03-02" })).length, 1, "filters combine with AND");
    });

    test("invalid filters and cursors are 422 with one issue per field", async () => {
      const response = await search({ action: "DROP TABLE", targetType: "planet", search: "x", after: "not-a-cursor", from: "soon" });
      assert.equal(response.status, 422);
      assert.deepEqual(response.json.issues.map((issue: { path: string }) => issue.path).sort(), ["action", "after", "from", "search", "targetType"]);
      const first = await search({ limit: "2" });
      const both = await search({ after: first.json.nextCursor, before: first.json.nextCursor });
      assert.equal(both.status, 422);
    });

    test("pages of 3 cover every event exactly once, forwards and back, with ties on the time", async () => {
      const all = ((await search({ limit: "200" })).json.items as View[]).map((item) => item.id);
      assert.equal(new Set(all).size, seeded.length);
      const forward: string[] = [];
      const pages: { nextCursor: string | null; previousCursor: string | null; ids: string[] }[] = [];
      let cursor: string | null = null;
      do {
        const response = await search({ limit: "3", ...(cursor ? { after: cursor } : {}) });
        assert.equal(response.status, 200, response.text);
        const ids = (response.json.items as View[]).map((item) => item.id);
        pages.push({ nextCursor: response.json.nextCursor, previousCursor: response.json.previousCursor, ids });
        forward.push(...ids);
        cursor = response.json.nextCursor;
      } while (cursor && pages.length < 20);
      assert.deepEqual(forward, all, "forward pages: no gap, no duplicate, same order");
      assert.equal(pages.length, Math.ceil(seeded.length / 3));
      assert.equal(pages[0]!.previousCursor, null, "the first page has no previous page");
      assert.equal(pages.at(-1)!.nextCursor, null, "the last page has no next page");
      const backward: string[] = [];
      let back = pages.at(-1)!.previousCursor;
      while (back) {
        const response = await search({ limit: "3", before: back });
        const ids = (response.json.items as View[]).map((item) => item.id);
        backward.unshift(...ids);
        back = response.json.previousCursor;
      }
      assert.deepEqual([...backward, ...pages.at(-1)!.ids], all, "backward pages: no gap, no duplicate");
      const later = await search({ limit: "3", after: pages[0]!.nextCursor! });
      assert.deepEqual(later.json.total, { count: seeded.length, capped: false }, "a later page still counts the whole result");
    });

    test("a target is linked while it exists and only for those who may open it", async () => {
      type Linked = View & { targetId: string; targetName: string };
      const projects = (await search({ targetType: "project" }, "release-manager")).json.items as Linked[];
      const live = projects.find((item) => item.targetId === liveProjectId)!;
      const gone = projects.find((item) => item.targetId === "gone-project")!;
      assert.equal(live.targetHref, `/projects/${liveProjectId}`);
      assert.equal(gone.targetHref, null, "a deleted target has no link");
      assert.equal(gone.targetName, "Old Shop", "and keeps its name");
      const asAuditor = (await search({ targetType: "project" })).json.items as Linked[];
      assert.ok(
        asAuditor.every((item) => item.targetHref === null),
        "auditors do not open the process editor",
      );
      const settingAs = async (as: "admin" | "auditor") =>
        ((await call(changesRoute.GET, { url: url("/api/audit/changes", { targetType: "setting" }), as })).json.items as View[])[0]!.targetHref;
      assert.equal(await settingAs("admin"), "/admin/settings");
      assert.equal(await settingAs("auditor"), null);
    });

    test("JSON export: every matching event, newest first, without links; a limit truncates", async () => {
      const response = await call(exportRoute.GET, { url: url("/api/audit/changes/export", { format: "json", actor: "pipeline" }), as: "auditor" });
      assert.equal(response.status, 200, response.text);
      assert.match(response.headers.get("content-type")!, /^application\/json/);
      assert.match(response.headers.get("content-disposition")!, /^attachment; filename="audit-changes-\d+\.json"$/);
      const body = response.json;
      assert.equal(body.format, "kdeploy.audit/v1");
      assert.equal(body.mode, "changes");
      assert.equal(body.filters.actor, "pipeline");
      assert.equal(body.count, 6);
      assert.equal(body.truncated, false);
      assert.equal(body.items[0].action, "deployment.create");
      assert.deepEqual(body.items[0].details, { releaseVersion: "1.2.3", environmentName: "staging" });
      assert.ok(body.items.every((item: Record<string, unknown>) => !("targetHref" in item)));
      const limited = await call(exportRoute.GET, { url: url("/api/audit/changes/export", { format: "json", limit: "2" }), as: "auditor" });
      assert.equal(limited.json.count, 2);
      assert.equal(limited.json.truncated, true);
    });

    test("CSV export: a header, one line per event, formula-safe cells", async () => {
      const response = await call(exportRoute.GET, { url: url("/api/audit/changes/export", { format: "csv" }), as: "auditor" });
      assert.equal(response.status, 200, response.text);
      assert.match(response.headers.get("content-type")!, /^text\/csv/);
      const [header, ...rows] = parseCsv(response.text);
      assert.deepEqual(header, CHANGE_CSV_HEADER);
      assert.equal(rows.length, seeded.length);
      const column = (name: string) => CHANGE_CSV_HEADER.indexOf(name);
      const grace = rows.find((row) => row[column("action")] === "user.roles")!;
      assert.equal(grace[column("targetName")], `'=HYPERLINK("http://evil"),"Grace"`, "a formula is neutralised");
      const deployed = rows.find((row) => row[column("action")] === "deployment.create")!;
      assert.deepEqual(JSON.parse(deployed[column("details")]!), { releaseVersion: "1.2.3", environmentName: "staging" });
      assert.equal(deployed[column("ipAddress")], "192.0.2.8");
      assert.equal(deployed[column("actorVia")], "token");
    });
  });
}
