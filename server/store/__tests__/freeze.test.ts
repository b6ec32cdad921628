// Snapshot freezing: atomic, idempotent, and able to freeze large tables on both databases.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, testProviders, type TestDatabase } from "../../testing/test-database.ts";
import { freezeStep, checkpointRows, loadStepRows } from "../step-records.ts";
import { frozenTransitionsOf, loadStepHistory } from "../transitions.ts";
import { loadSnapshot } from "../../audit/snapshot.ts";
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
      let position = 0;
      newStepRun = async () =>
        (
          await db.stepRun.create({
            data: {
              deploymentId: deployment.id,
              releaseStepId: release.steps[0]!.id,
              position: ++position,
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
      assert.equal((await loadStepHistory(database.db, stepRunId)).length, 5_000);
      assert.equal(await database.db.objectStatusTransition.count({ where: { stepRunId } }), 0, "each row's transitions are in the row");
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
      const stored = await loadStepHistory(database.db, id);
      assert.deepEqual(
        stored.map((s) => ({ key: s.objectKey, at: s.at, status: s.status, message: s.message })),
        [t1, t3, t2, t4],
        "object by object, each in the order recorded",
      );
      // t1–t3 stay the checkpoints' rows; the freeze put t4 into its object's row.
      assert.equal(await database.db.objectStatusTransition.count({ where: { stepRunId: id } }), 3);
      const row = await database.db.objectRow.findUniqueOrThrow({ where: { stepRunId_objectKey: { stepRunId: id, objectKey: "uid-1" } } });
      assert.deepEqual(frozenTransitionsOf(row.frozenTransitions), [{ at: t4.at, status: t4.status, message: t4.message }]);
      // The snapshot's timeline of an object is the checkpointed part followed by the frozen part.
      const snapshot = await loadSnapshot(database.db, id);
      assert.deepEqual(
        snapshot.objects.find((o) => o.objectKey === "uid-1")!.timeline,
        [t2, t4].map((x) => ({ at: x.at.toISOString(), status: x.status, message: x.message })),
      );
    });

    test("the transitions of an object no longer in the final table are kept as rows of their own", async () => {
      const id = await newStepRun();
      const at = new Date(Date.UTC(2026, 11, 1, 12, 0, 0, 5));
      const gone = { key: "uid-gone", at, status: "Error", message: "deleted during the rollout" };
      const kept = { key: "uid-0", at, status: "Success", message: "ready" };
      await freezeStep(database.db, id, {
        status: "Succeeded",
        outcomeMessage: "ok",
        rows: rows(1),
        transitions: [gone, kept],
        finishedAt: at,
        lastSequence: 1,
      });
      const table = await database.db.objectStatusTransition.findMany({ where: { stepRunId: id } });
      assert.deepEqual(
        table.map((t) => [t.objectKey, t.status, t.message]),
        [["uid-gone", "Error", "deleted during the rollout"]],
      );
      assert.deepEqual(
        (await loadStepHistory(database.db, id)).map((t) => [t.objectKey, t.status]),
        [
          ["uid-0", "Success"],
          ["uid-gone", "Error"],
        ],
      );
    });
  });
}
