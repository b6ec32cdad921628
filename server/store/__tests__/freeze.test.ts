// Snapshot freezing: atomic, idempotent, and able to freeze large tables on both databases.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, testProviders, type TestDatabase } from "../../testing/test-database.ts";
import { freezeStep, checkpointRows, loadStepRows } from "../step-records.ts";
import type { ObjectRowView } from "../../contracts/object-status.ts";

for (const provider of testProviders()) {
  describe(`freezeStep on ${provider}`, () => {
    let database: TestDatabase;
    let stepRunId: string;
    let newStepRun: () => Promise<string>;
    before(async () => {
      database = await createTestDatabase(provider);
      const db = database.db;
      const project = await db.project.create({ data: { slug: "f", name: "F" } });
      const environment = await db.environment.create({ data: { name: "e" } });
      const release = await db.release.create({
        data: {
          projectId: project.id,
          version: "1.0.0",
          processVersion: 1,
          steps: { create: [{ sourceStepId: "s", position: 0, name: "A", type: "kubernetes-yaml", enabled: true, config: {}, verification: {} }] },
        },
        include: { steps: true },
      });
      const deployment = await db.deployment.create({
        data: {
          projectId: project.id,
          releaseId: release.id,
          environmentId: environment.id,
          stepRuns: {
            create: [{ releaseStepId: release.steps[0]!.id, position: 0, name: "A", type: "kubernetes-yaml", verificationEnabled: true, status: "Running" }],
          },
        },
        include: { stepRuns: true },
      });
      stepRunId = deployment.stepRuns[0]!.id;
      newStepRun = async () =>
        (
          await db.stepRun.create({
            data: {
              deploymentId: deployment.id,
              releaseStepId: release.steps[0]!.id,
              position: 1,
              name: "B",
              type: "kubernetes-yaml",
              verificationEnabled: true,
              status: "Running",
            },
          })
        ).id;
    });
    after(async () => database.cleanup());

    const rows = (n: number, status: ObjectRowView["status"] = "Success"): ObjectRowView[] =>
      Array.from({ length: n }, (_, i) => ({
        key: `uid-${i}`,
        uid: `uid-${i}`,
        parentKey: i === 0 ? null : "uid-0",
        apiVersion: "v1",
        kind: i === 0 ? "Deployment" : "Pod",
        namespace: "ns",
        name: `obj-${i}`,
        status,
        message: "ok",
        summary: "",
        lastChangeAt: new Date().toISOString(),
      }));

    test("freezes 5,000 rows with their timeline; a second freeze changes nothing", async () => {
      await checkpointRows(database.db, stepRunId, rows(10, "InProgress"), [], 3);
      const final = rows(5_000);
      const transitions = final.map((row) => ({ key: row.key, at: new Date(), status: "Success", message: "ok" }));
      const frozen = await freezeStep(database.db, stepRunId, {
        status: "Succeeded",
        outcomeMessage: "done",
        rows: final,
        transitions,
        finishedAt: new Date(),
        lastSequence: 9,
      });
      assert.equal(frozen, true);
      const stored = await loadStepRows(database.db, stepRunId);
      assert.equal(stored.length, 5_000);
      assert.ok(
        stored.every((row) => row.status === "Success"),
        "the checkpointed InProgress rows were replaced",
      );
      assert.equal(await database.db.objectStatusTransition.count({ where: { stepRunId } }), 5_000);
      const again = await freezeStep(database.db, stepRunId, {
        status: "Failed",
        outcomeMessage: "changed",
        rows: rows(1, "Error"),
        transitions: [],
        finishedAt: new Date(),
        lastSequence: 10,
      });
      assert.equal(again, false, "a frozen step is never written again");
      assert.equal((await loadStepRows(database.db, stepRunId)).length, 5_000);
      const run = await database.db.stepRun.findUniqueOrThrow({ where: { id: stepRunId } });
      assert.equal(run.status, "Succeeded");
      await checkpointRows(database.db, stepRunId, rows(1, "Error"), [], 11);
      assert.equal((await loadStepRows(database.db, stepRunId)).filter((r) => r.status === "Error").length, 0, "checkpoints after the freeze are ignored");
    });

    test("checkpoints append the status history, the freeze keeps it and adds the rest; a write retried after a commit stores nothing twice", async () => {
      const id = await newStepRun();
      const at = (s: number) => new Date(Date.UTC(2026, 11, 1, 12, 0, s, 123));
      const t = (key: string, s: number, status: string) => ({ key, at: at(s), status, message: `${status} at ${s}` });
      const [t1, t2, t3, t4] = [t("uid-0", 0, "InProgress"), t("uid-1", 1, "InProgress"), t("uid-0", 2, "Success"), t("uid-1", 3, "Success")];
      await checkpointRows(database.db, id, rows(2, "InProgress"), [], 1, new Map(), { items: [t1, t2] });
      // The previous write of t2 failed after its commit (the client saw an error): it goes again with t3.
      await checkpointRows(database.db, id, rows(2, "InProgress"), [], 2, new Map(), { items: [t2, t3], maybeStored: true });
      const frozen = await freezeStep(database.db, id, {
        status: "Succeeded",
        outcomeMessage: "ok",
        rows: rows(2),
        transitions: [t3, t4],
        transitionsMaybeStored: true,
        finishedAt: at(4),
        lastSequence: 3,
      });
      assert.equal(frozen, true);
      const stored = await database.db.objectStatusTransition.findMany({ where: { stepRunId: id }, orderBy: { at: "asc" } });
      assert.deepEqual(
        stored.map((s) => ({ key: s.objectKey, at: s.at, status: s.status, message: s.message })),
        [t1, t2, t3, t4],
      );
    });
  });
}
