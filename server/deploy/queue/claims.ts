// Deployments claimed from the database under a lease, so that any number of server instances
// share one queue (docs/operations.md, "Many instances"). Every statement here is a single
// conditional write, which is atomic on both databases without a transaction:
// - a Queued deployment is claimed by `UPDATE … SET status = 'Running' WHERE id = ? AND status =
//   'Queued'`; the partial unique index Deployment_one_running_per_environment (migration
//   deployment_leases) refuses a second Running deployment in one environment, so two instances
//   claiming in the same environment at once get one claim and one unique-constraint error;
// - a Running deployment whose lease expired is taken over by a compare-and-set on the instance
//   that held it and on the expiry, so of two instances taking it over at once only one wins;
// - the running instance renews its lease (heartbeat) only while it still holds it.
import type { Database } from "../../store/database.ts";

const positiveMs = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

/**
 * How long a claim holds without renewal: long enough to outlast three missed heartbeats and the
 * 10 s a write may wait for a busy SQLite file (server/store/sqlite-adapter.ts), short enough that
 * a deployment of a dead instance is taken over within half a minute. KDEPLOY_LEASE_MS (tests).
 */
export const LEASE_MS = positiveMs("KDEPLOY_LEASE_MS", 20_000);
/** How often the running instance renews its leases: a quarter of the lease. KDEPLOY_HEARTBEAT_MS (tests). */
export const HEARTBEAT_MS = positiveMs("KDEPLOY_HEARTBEAT_MS", 5_000);
/**
 * How often an instance looks for work queued through another instance and for leases that
 * expired. A deployment queued through this instance is claimed at once (enqueue wakes it up).
 * KDEPLOY_QUEUE_POLL_MS.
 */
export const POLL_MS = positiveMs("KDEPLOY_QUEUE_POLL_MS", 2_000);

export type QueueSettings = { instanceId: string; leaseMs: number; heartbeatMs: number; pollMs: number };

export type Claim = {
  deploymentId: string;
  /** Running already: the executor resumes it (its own restart, or a takeover). */
  resume: boolean;
  /** A takeover: the instance that held the lease and when its lease ended. */
  takenOverFrom?: { instanceId: string; leaseExpiredAt: Date };
};

/** A unique constraint refused the write (Prisma P2002; the adapters' message otherwise). */
const refusedAsDuplicate = (error: unknown) =>
  (error as { code?: string }).code === "P2002" || /unique constraint/i.test((error as Error | undefined)?.message ?? "");

/**
 * Claims the next deployment of one environment for this instance, or none:
 * - the environment's Running deployment when its lease expired (another instance stopped
 *   renewing it), when it has no lease (left by a version without leases; only `atStart`), or
 *   when this instance holds it (a restart under the same instance id; only `atStart`);
 * - else, when nothing runs there, the oldest Queued one.
 * `local`: deployments this executor is running (never claimed again).
 */
export async function claimNext(
  db: Database,
  environmentId: string,
  settings: Pick<QueueSettings, "instanceId" | "leaseMs">,
  { atStart, local, now = new Date() }: { atStart: boolean; local: ReadonlySet<string>; now?: Date },
): Promise<Claim | null> {
  const me = settings.instanceId;
  const leaseExpiresAt = new Date(now.getTime() + settings.leaseMs);
  // A few rounds: each lost race means another instance changed the environment meanwhile.
  for (let round = 0; round < 3; round++) {
    const running = await db.deployment.findFirst({
      where: { environmentId, status: "Running" },
      select: { id: true, claimedBy: true, leaseExpiresAt: true },
    });
    if (running) {
      if (local.has(running.id)) return null;
      const mine = running.claimedBy === me;
      const expired = running.leaseExpiresAt !== null && running.leaseExpiresAt <= now;
      const unleased = running.leaseExpiresAt === null;
      if (!(expired || (atStart && (mine || unleased)))) return null;
      const { count } = await db.deployment.updateMany({
        where: {
          id: running.id,
          status: "Running",
          claimedBy: running.claimedBy,
          // Mine and still leased: no other instance may change it, the instance id is enough.
          ...(expired ? { leaseExpiresAt: { lte: now } } : unleased ? { leaseExpiresAt: null } : {}),
        },
        data: { claimedBy: me, leaseExpiresAt },
      });
      if (count === 1)
        return {
          deploymentId: running.id,
          resume: true,
          ...(expired && !mine && running.claimedBy && running.leaseExpiresAt
            ? { takenOverFrom: { instanceId: running.claimedBy, leaseExpiredAt: running.leaseExpiresAt } }
            : {}),
        };
      continue;
    }
    const queued = await db.deployment.findFirst({
      where: { environmentId, status: "Queued" },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true },
    });
    if (!queued) return null;
    try {
      const { count } = await db.deployment.updateMany({
        where: { id: queued.id, status: "Queued" },
        data: { status: "Running", startedAt: now, claimedBy: me, leaseExpiresAt },
      });
      if (count === 1) return { deploymentId: queued.id, resume: false };
    } catch (error) {
      // Another instance claimed a deployment of this environment first: the next round sees it.
      if (!refusedAsDuplicate(error)) throw error;
    }
  }
  return null;
}

/** Environments with work waiting or running (the candidates of a claim pass). */
export async function environmentsWithWork(db: Database): Promise<string[]> {
  const rows = await db.deployment.findMany({
    where: { status: { in: ["Queued", "Running"] } },
    select: { environmentId: true },
    distinct: ["environmentId"],
  });
  return rows.map((row) => row.environmentId);
}

/**
 * Renews this instance's lease on a deployment. false: the lease is no longer this instance's
 * (another instance took the deployment over while this one could not renew it).
 */
export async function renewLease(db: Database, deploymentId: string, settings: Pick<QueueSettings, "instanceId" | "leaseMs">, now = new Date()) {
  const { count } = await db.deployment.updateMany({
    where: { id: deploymentId, status: "Running", claimedBy: settings.instanceId },
    data: { leaseExpiresAt: new Date(now.getTime() + settings.leaseMs) },
  });
  if (count === 1) return true;
  const row = await db.deployment.findUnique({ where: { id: deploymentId }, select: { status: true, claimedBy: true } });
  // Finished meanwhile (its last write raced the heartbeat), or gone: nothing was lost.
  return !row || row.status !== "Running" || row.claimedBy === settings.instanceId;
}

/**
 * Ends this instance's leases on these deployments now (a graceful stop, after their rows were
 * checkpointed): they stay Running, and the next instance to look takes them over at once.
 */
export async function releaseLeases(db: Database, deploymentIds: string[], instanceId: string, now = new Date()): Promise<void> {
  if (deploymentIds.length === 0) return;
  await db.deployment.updateMany({ where: { id: { in: deploymentIds }, status: "Running", claimedBy: instanceId }, data: { leaseExpiresAt: now } });
}
