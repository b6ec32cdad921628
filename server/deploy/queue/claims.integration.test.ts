// The database side of the work queue on both providers (queue/claims.ts): claims that race in
// one environment give one Running deployment, the oldest Queued one; environments are claimed
// independently; a lease that expired is taken over by exactly one of the instances racing for
// it; a live lease is left alone; the instance that lost its lease cannot renew it.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createDatabase, type Database } from "../../store/database.ts";
import { createTestDatabase, testProviders, type TestDatabase } from "../../testing/test-database.ts";
import { claimNext, releaseLeases, renewLease, type Claim } from "./claims.ts";

const A = { instanceId: "instance-a", leaseMs: 20_000 };
const B = { instanceId: "instance-b", leaseMs: 20_000 };
const none = new Set<string>();

for (const provider of testProviders())
  describe(`deployment claims on ${provider}`, () => {
    let database: TestDatabase;
    // A second client on the same database: another instance's connections.
    let other: Database;
    let projectId: string;
    let releaseId: string;

    before(async () => {
      database = await createTestDatabase(provider);
      other = createDatabase(database.url);
      const project = await database.db.project.create({ data: { slug: "p", name: "p" } });
      projectId = project.id;
      releaseId = (await database.db.release.create({ data: { projectId, version: "1", processVersion: 1 } })).id;
    });
    after(async () => {
      await other.$disconnect();
      await database.cleanup();
    });

    const environment = async (name: string) => (await database.db.environment.create({ data: { name } })).id;
    const queue = async (environmentId: string, count: number) => {
      const ids: string[] = [];
      for (let i = 0; i < count; i++)
        ids.push(
          (await database.db.deployment.create({ data: { projectId, releaseId, environmentId, createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)) } })).id,
        );
      return ids;
    };

    test("claims racing in one environment: one deployment Running, the oldest; other environments independently", async () => {
      const [x, y] = [await environment("x"), await environment("y")];
      const queuedX = await queue(x, 3);
      const queuedY = await queue(y, 2);
      const claims = await Promise.all(
        Array.from({ length: 8 }, (_, i) => claimNext(i % 2 ? other : database.db, i < 4 ? x : y, i % 2 ? B : A, { atStart: false, local: none })),
      );
      const won = claims.filter((claim): claim is Claim => claim !== null);
      assert.deepEqual(won.map((claim) => claim.deploymentId).sort(), [queuedX[0], queuedY[0]].sort(), "the oldest of each environment, once");
      assert.ok(won.every((claim) => !claim.resume));
      const running = await database.db.deployment.findMany({ where: { status: "Running" } });
      assert.equal(running.length, 2);
      for (const row of running) {
        assert.ok(row.claimedBy === "instance-a" || row.claimedBy === "instance-b");
        assert.ok(row.leaseExpiresAt && row.leaseExpiresAt > new Date(), "under a lease");
        assert.ok(row.startedAt);
      }
      // Nothing more while they run, by either instance.
      assert.equal(await claimNext(database.db, x, A, { atStart: false, local: none }), null);
      assert.equal(await claimNext(other, x, B, { atStart: false, local: none }), null);
      // The database itself refuses a second Running deployment in an environment.
      await assert.rejects(database.db.deployment.update({ where: { id: queuedX[1]! }, data: { status: "Running" } }));
      // Once the first ends, the next one in order.
      await database.db.deployment.update({ where: { id: queuedX[0]! }, data: { status: "Succeeded", finishedAt: new Date() } });
      assert.equal((await claimNext(other, x, B, { atStart: false, local: none }))?.deploymentId, queuedX[1]);
    });

    test("a lease that expired is taken over by one of two racing instances; a live one is left alone", async () => {
      const z = await environment("z");
      const [id] = await queue(z, 1);
      const now = new Date();
      const claim = await claimNext(database.db, z, A, { atStart: false, local: none, now: new Date(now.getTime() - 30_000) });
      assert.equal(claim?.deploymentId, id);
      assert.equal(await claimNext(other, z, B, { atStart: false, local: none, now: new Date(now.getTime() - 20_000) }), null, "lease still live");
      const expiredAt = (await database.db.deployment.findUniqueOrThrow({ where: { id: id! } })).leaseExpiresAt!;

      const C = { instanceId: "instance-c", leaseMs: 20_000 };
      const racing = await Promise.all([
        claimNext(other, z, B, { atStart: false, local: none }),
        claimNext(database.db, z, C, { atStart: false, local: none }),
      ]);
      const won = racing.filter((entry): entry is Claim => entry !== null);
      assert.equal(won.length, 1, "one instance takes it over");
      assert.equal(won[0]!.deploymentId, id);
      assert.equal(won[0]!.resume, true);
      assert.deepEqual(won[0]!.takenOverFrom, { instanceId: "instance-a", leaseExpiredAt: expiredAt });
      const row = await database.db.deployment.findUniqueOrThrow({ where: { id: id! } });
      const winner = racing[0] ? "instance-b" : "instance-c";
      assert.equal(row.claimedBy, winner);
      assert.equal(row.status, "Running");

      assert.equal(await renewLease(database.db, id!, A), false, "the instance that lost it cannot renew it");
      assert.equal(await renewLease(database.db, id!, winner === "instance-b" ? B : C), true);
      // Its own restart (same instance id) takes it at once; not a takeover.
      const own = await claimNext(database.db, z, winner === "instance-b" ? B : C, { atStart: true, local: none });
      assert.equal(own?.deploymentId, id);
      assert.equal(own?.takenOverFrom, undefined);
      // ... but not while this executor runs it.
      assert.equal(await claimNext(database.db, z, winner === "instance-b" ? B : C, { atStart: true, local: new Set([id!]) }), null);
    });

    test("a Running deployment without a lease (left by a version without leases) is resumed at start only", async () => {
      const w = await environment("w");
      const [id] = await queue(w, 1);
      await database.db.deployment.update({ where: { id: id! }, data: { status: "Running", startedAt: new Date() } });
      assert.equal(await claimNext(database.db, w, A, { atStart: false, local: none }), null);
      const claim = await claimNext(database.db, w, A, { atStart: true, local: none });
      assert.deepEqual(claim, { deploymentId: id, resume: true });
    });

    test("a lease ended by a graceful stop is taken over at once by another instance, and only the stopping instance's own leases end", async () => {
      const v = await environment("v");
      const [id] = await queue(v, 1);
      assert.equal((await claimNext(database.db, v, A, { atStart: false, local: none }))?.deploymentId, id);
      assert.equal(await claimNext(other, v, B, { atStart: false, local: none }), null, "lease live");
      await releaseLeases(other, [id!], B.instanceId);
      assert.equal(await claimNext(other, v, B, { atStart: false, local: none }), null, "another instance cannot end A's lease");
      await releaseLeases(database.db, [id!], A.instanceId);
      const taken = await claimNext(other, v, B, { atStart: false, local: none });
      assert.equal(taken?.deploymentId, id);
      assert.equal(taken?.takenOverFrom?.instanceId, "instance-a");
      const row = await database.db.deployment.findUniqueOrThrow({ where: { id: id! } });
      assert.equal(row.status, "Running", "still Running: the stop only handed it on");
    });
  });
