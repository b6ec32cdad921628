// The deployments list query (filters, pages, auditors' view, URL validation) and the stored step
// timelines, on every test database.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, testProviders, type TestDatabase } from "../../testing/test-database.ts";
import { deploymentListQuery } from "../../contracts/deployment-list.ts";
import { findDeployments } from "../deployment-list.ts";
import { loadStepTimelines } from "../step-timelines.ts";

const T0 = Date.parse("2030-01-01T12:00:00.000Z");
const at = (seconds: number) => new Date(T0 + seconds * 1000);
const query = (input: Record<string, unknown> = {}) => deploymentListQuery.parse(input);

for (const provider of testProviders()) {
  describe(`deployments list on ${provider}`, () => {
    let database: TestDatabase;
    const ids = { shop: "", blog: "", prod: "", staging: "", stepRun: "" };
    const created: { id: string; project: string; environment: string; status: string }[] = [];

    before(async () => {
      database = await createTestDatabase(provider);
      const { db } = database;
      const shop = await db.project.create({ data: { slug: "shop", name: "Shop" } });
      const blog = await db.project.create({ data: { slug: "blog", name: "Blog" } });
      const prod = await db.environment.create({ data: { name: "prod" } });
      const staging = await db.environment.create({ data: { name: "staging" } });
      Object.assign(ids, { shop: shop.id, blog: blog.id, prod: prod.id, staging: staging.id });
      const releases = new Map<string, { id: string; stepId: string }>();
      for (const project of [shop, blog]) {
        const release = await db.release.create({
          data: {
            projectId: project.id,
            version: "1.0.0",
            processVersion: 1,
            steps: {
              create: [
                {
                  sourceStepId: "s1",
                  position: 0,
                  name: "Apply",
                  type: "yaml",
                  enabled: true,
                  config: {},
                  verification: { enabled: true, stabilizationSeconds: 10 },
                },
              ],
            },
          },
          include: { steps: true },
        });
        releases.set(project.id, { id: release.id, stepId: release.steps[0]!.id });
      }
      // 30 deployments, alternating project and environment, some sharing a creation time.
      const statuses = ["Succeeded", "Failed", "Running", "Queued", "Succeeded", "Cancelled"];
      for (let index = 0; index < 30; index++) {
        const project = index % 2 === 0 ? shop : blog;
        const environment = index % 3 === 0 ? prod : staging;
        // At most one Running deployment per environment: the database refuses a second one.
        const cycled = statuses[index % statuses.length]!;
        const status = cycled === "Running" && index > 2 ? "Queued" : cycled;
        const finished = status !== "Running" && status !== "Queued";
        const release = releases.get(project.id)!;
        const deployment = await db.deployment.create({
          data: {
            projectId: project.id,
            releaseId: release.id,
            environmentId: environment.id,
            status,
            createdAt: at(Math.floor(index / 2)), // pairs share a millisecond: the id breaks the tie
            startedAt: status === "Queued" ? null : at(index),
            finishedAt: finished ? at(index + 20) : null,
            stepRuns: {
              create: [
                {
                  releaseStepId: release.stepId,
                  position: 0,
                  name: "Apply",
                  type: "yaml",
                  verificationEnabled: true,
                  status: finished ? "Succeeded" : "Running",
                },
              ],
            },
          },
        });
        created.push({ id: deployment.id, project: project.id, environment: environment.id, status });
      }
    });
    after(() => database.cleanup());

    test("pages are newest first, never overlap and together hold every deployment once", async () => {
      const seen: string[] = [];
      let page = 1;
      let result;
      do {
        result = await findDeployments(database.db, query({ page: String(page) }), { finishedOnly: false, pageSize: 7 });
        assert.equal(result.total, 30);
        assert.equal(result.pageCount, 5);
        seen.push(...result.items.map((item) => item.id));
        const times = result.items.map((item) => item.createdAt);
        assert.deepEqual(times, [...times].sort().reverse(), "newest first");
        page++;
      } while (page <= result.pageCount);
      assert.equal(seen.length, 30);
      assert.equal(new Set(seen).size, 30);
      const beyond = await findDeployments(database.db, query({ page: "9" }), { finishedOnly: false, pageSize: 7 });
      assert.deepEqual(beyond.items, []);
    });

    test("filters by project, environment and outcome, together", async () => {
      const result = await findDeployments(database.db, query({ project: ids.shop, environment: ids.prod, outcome: "succeeded" }), { finishedOnly: false });
      const expected = created.filter((d) => d.project === ids.shop && d.environment === ids.prod && d.status === "Succeeded").map((d) => d.id);
      assert.ok(expected.length > 0);
      assert.deepEqual(result.items.map((item) => item.id).sort(), expected.sort());
      assert.equal(result.total, expected.length);
      const running = await findDeployments(database.db, query({ outcome: "running" }), { finishedOnly: false });
      assert.deepEqual(new Set(running.items.map((item) => item.status)), new Set(["Running", "Queued"]));
      assert.equal(running.total, created.filter((d) => d.status === "Running" || d.status === "Queued").length);
    });

    test("each item carries its steps and names; an auditor sees finished deployments only", async () => {
      const result = await findDeployments(database.db, query({ project: ids.blog }), { finishedOnly: true, pageSize: 100 });
      assert.ok(result.items.length > 0);
      for (const item of result.items) {
        assert.ok(item.finishedAt, "finished only");
        assert.equal(item.projectName, "Blog");
        assert.deepEqual(
          item.steps.map((step) => [step.name, step.status]),
          [["Apply", "Succeeded"]],
        );
      }
      assert.equal(result.total, created.filter((d) => d.project === ids.blog && !["Running", "Queued"].includes(d.status)).length);
    });

    test("a filter that matches nothing is an empty page, not an error", async () => {
      const result = await findDeployments(database.db, query({ project: "no-such-project" }), { finishedOnly: false });
      assert.deepEqual(result, { items: [], page: 1, pageSize: 25, total: 0, pageCount: 1 });
    });

    test("stored step timelines: top-level lanes with their transitions in time order, children left out", async () => {
      const { db } = database;
      const deployment = await db.deployment.findFirstOrThrow({ where: { id: created[0]!.id }, include: { stepRuns: true } });
      const run = deployment.stepRuns[0]!;
      await db.stepRun.update({
        where: { id: run.id },
        data: { startedAt: at(0), finishedAt: at(30), frozenAt: at(31), deadlineAt: at(180), stabilizationStartedAt: at(20) },
      });
      const row = { stepRunId: run.id, apiVersion: "apps/v1", namespace: "shop", lastChangeAt: at(20) };
      await db.objectRow.createMany({
        data: [
          { ...row, objectKey: "uid-web", topLevel: true, kind: "Deployment", name: "web", status: "Success" },
          { ...row, objectKey: "uid-pod", topLevel: false, parentKey: "uid-web", kind: "Pod", name: "web-1", status: "Success" },
        ],
      });
      await db.objectStatusTransition.createMany({
        data: [
          { stepRunId: run.id, objectKey: "uid-web", at: at(20), status: "Success", message: "" },
          { stepRunId: run.id, objectKey: "uid-web", at: at(2), status: "InProgress", message: "0 of 2 updated" },
          { stepRunId: run.id, objectKey: "uid-pod", at: at(3), status: "InProgress", message: "ContainerCreating" },
        ],
      });
      const [timeline] = await loadStepTimelines(db, [run.id]);
      assert.equal(timeline!.stabilizationSeconds, 10);
      assert.equal(timeline!.deadlineAt, at(180).toISOString());
      assert.equal(timeline!.stabilizationStartedAt, at(20).toISOString());
      assert.deepEqual(
        timeline!.lanes.map((lane) => [lane.kind, lane.name, lane.transitions.map((t) => [t.at, t.status, t.message])]),
        [
          [
            "Deployment",
            "web",
            [
              [at(2).toISOString(), "InProgress", "0 of 2 updated"],
              [at(20).toISOString(), "Success", ""],
            ],
          ],
        ],
      );
      assert.deepEqual(await loadStepTimelines(db, []), []);

      // A running step takes the running tracker's transitions; a frozen one never does.
      const tracker = () => [{ at: at(1).toISOString(), status: "InProgress" as const, message: "live" }];
      const [frozenAgain] = await loadStepTimelines(db, [run.id], tracker);
      assert.equal(frozenAgain!.lanes[0]!.transitions.length, 2);
      const running = await db.deployment.findFirstOrThrow({ where: { id: created[2]!.id }, include: { stepRuns: true } });
      const liveRun = running.stepRuns[0]!;
      await db.objectRow.create({
        data: { ...row, stepRunId: liveRun.id, objectKey: "uid-live", topLevel: true, kind: "Deployment", name: "api", status: "InProgress" },
      });
      const [live] = await loadStepTimelines(db, [liveRun.id], (stepRunId, key) => (stepRunId === liveRun.id && key === "uid-live" ? tracker() : null));
      assert.equal(live!.frozenAt, null);
      assert.deepEqual(live!.lanes[0]!.transitions, tracker());
      const [untracked] = await loadStepTimelines(db, [liveRun.id], () => null);
      assert.deepEqual(untracked!.lanes[0]!.transitions, [], "no tracker in this process: the stored (none yet)");
    });
  });
}

describe("deployments list query (URL)", () => {
  test("empty values mean no filter; the page defaults to 1", () => {
    assert.deepEqual(query({ project: "", environment: "", outcome: "", page: "" }), {
      project: undefined,
      environment: undefined,
      outcome: undefined,
      page: 1,
    });
  });

  test("a repeated parameter counts once (the first)", () => {
    assert.equal(query({ outcome: ["failed", "succeeded"] }).outcome, "failed");
  });

  test("bad values are field errors with a message that says what is wrong", () => {
    const messages = (input: Record<string, unknown>) => {
      const result = deploymentListQuery.safeParse(input);
      assert.equal(result.success, false);
      return result.error!.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    };
    assert.deepEqual(messages({ outcome: "exploded" }), ["outcome: Outcome must be one of: running, succeeded, failed, not-executed, cancelled"]);
    assert.deepEqual(messages({ page: "abc" }), ["page: Page must be a number"]);
    assert.deepEqual(messages({ page: "0" }), ["page: Page must be at least 1"]);
    assert.deepEqual(messages({ page: "1.5" }), ["page: Page must be a whole number"]);
    assert.deepEqual(messages({ project: "x'; drop table" }), ["project: Project is not a valid id"]);
  });
});
