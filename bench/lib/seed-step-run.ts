// The minimum rows a step run needs (project → environment → release step → deployment → step
// run), for the snapshot and fan-out scenarios.
import type { Database } from "../../server/store/database.ts";

export async function seedRunningStep(db: Database, suffix: string): Promise<{ deploymentId: string; stepRunId: string }> {
  const project = await db.project.create({ data: { slug: `bench-${suffix}`, name: `Bench ${suffix}` } });
  const environment = await db.environment.create({ data: { name: `bench-${suffix}` } });
  const release = await db.release.create({
    data: {
      projectId: project.id,
      version: "1.0.0",
      processVersion: 1,
      steps: {
        create: [{ sourceStepId: "bench", position: 0, name: "Apply", type: "kubernetes-yaml", enabled: true, config: {}, verification: { enabled: true } }],
      },
    },
    include: { steps: true },
  });
  const deployment = await db.deployment.create({
    data: {
      projectId: project.id,
      releaseId: release.id,
      environmentId: environment.id,
      status: "Running",
      stepRuns: {
        create: [{ releaseStepId: release.steps[0]!.id, position: 0, name: "Apply", type: "kubernetes-yaml", verificationEnabled: true, status: "Running" }],
      },
    },
    include: { stepRuns: true },
  });
  return { deploymentId: deployment.id, stepRunId: deployment.stepRuns[0]!.id };
}
