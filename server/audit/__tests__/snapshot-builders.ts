// Builders for frozen snapshots in a test database: the rows a finished step leaves behind.
import { randomBytes } from "node:crypto";
import type { Database } from "../../store/database.ts";
import { stampSnapshotRows } from "../snapshot-row-context.ts";

export type ObjectSpec = {
  key?: string;
  kind?: string;
  namespace?: string;
  name: string;
  status?: string;
  message?: string;
  summary?: string;
  parentKey?: string | null;
};
export type SnapshotSpec = {
  projectId: string;
  environmentId: string;
  outcome?: "Succeeded" | "Failed" | "TimedOut";
  frozenAt: Date;
  stepName?: string;
  failureSummary?: unknown;
  objects?: ObjectSpec[];
  transitions?: { key: string; at: Date; status: string; message?: string }[];
  /** Leave the rows unstamped, as a freeze by code that does not call stampSnapshotRows would. */
  unstamped?: boolean;
};

const unique = () => randomBytes(4).toString("hex");

export async function createProject(db: Database, name = `Audit ${unique()}`) {
  return db.project.create({ data: { slug: name.toLowerCase().replace(/\W+/g, "-"), name } });
}

export async function createEnvironment(db: Database, name = `env-${unique()}`) {
  return db.environment.create({ data: { name } });
}

export async function createSnapshot(db: Database, spec: SnapshotSpec) {
  const release = await db.release.create({ data: { projectId: spec.projectId, version: `1.0.${unique()}`, processVersion: 0 } });
  const releaseStep = await db.releaseStep.create({
    data: {
      releaseId: release.id,
      sourceStepId: "source",
      position: 0,
      name: spec.stepName ?? "Deploy",
      type: "kubernetes",
      enabled: true,
      config: {},
      verification: {},
    },
  });
  const deployment = await db.deployment.create({
    data: {
      projectId: spec.projectId,
      releaseId: release.id,
      environmentId: spec.environmentId,
      status: spec.outcome === "Succeeded" ? "Succeeded" : "Failed",
    },
  });
  const run = await db.stepRun.create({
    data: {
      deploymentId: deployment.id,
      releaseStepId: releaseStep.id,
      position: 0,
      name: spec.stepName ?? "Deploy",
      type: "kubernetes",
      verificationEnabled: true,
      status: spec.outcome ?? "Succeeded",
      outcomeMessage: spec.outcome === "TimedOut" ? "Timed out" : "",
      failureSummary: spec.failureSummary === undefined ? undefined : (spec.failureSummary as object),
      frozenAt: spec.frozenAt,
      finishedAt: spec.frozenAt,
    },
  });
  const objects = spec.objects ?? [];
  if (objects.length) {
    await db.objectRow.createMany({
      data: objects.map((object, index) => ({
        stepRunId: run.id,
        objectKey: object.key ?? `uid-${index}-${unique()}`,
        uid: object.key ?? null,
        parentKey: object.parentKey ?? null,
        topLevel: !object.parentKey,
        apiVersion: "v1",
        kind: object.kind ?? "Pod",
        namespace: object.namespace ?? "default",
        name: object.name,
        status: object.status ?? "Success",
        message: object.message ?? "",
        summary: object.summary ?? "",
        lastChangeAt: spec.frozenAt,
      })),
    });
  }
  if (spec.transitions?.length)
    await db.objectStatusTransition.createMany({
      data: spec.transitions.map((t) => ({ stepRunId: run.id, objectKey: t.key, at: t.at, status: t.status, message: t.message ?? "" })),
    });
  if (!spec.unstamped) await stampSnapshotRows(db, run.id);
  return { stepRunId: run.id, deploymentId: deployment.id };
}
