// Runs real deployments against the sandbox for integration tests: a test database, an
// environment pointing at the sandbox, and a `deploy(steps)` that waits for the outcome.
import { SYSTEM_PRINCIPAL } from "../../auth/permissions.ts";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Sandbox } from "../../../sandbox/testing.ts";
import { createTestDatabase, testDatabaseProvider, type TestDatabase } from "../../testing/test-database.ts";
import { installTestContext } from "../../testing/test-context.ts";
import { appContext } from "../../context.ts";
import { stepInput } from "../../contracts/steps/index.ts";
import { createProject } from "../../process/projects.ts";
import { createStep } from "../../process/steps.ts";
import { createRelease } from "../../process/releases.ts";
import { createDeployment } from "../../process/deployments.ts";
import { createEnvironment } from "../../process/environments.ts";
import type { TargetInput } from "../../contracts/environments.ts";
import { engineEvents } from "../engine-events.ts";
import type { DeploymentExecutor } from "../executor.ts";
import { loadStepHistory } from "../../store/transitions.ts";

export type RawStep = { type: string; name: string; config: unknown; verification?: Record<string, unknown> };

export async function setUpDeployments(sandbox: Sandbox): Promise<{ database: TestDatabase; environmentId: string }> {
  process.env.KDEPLOY_KUBECTL = resolve(sandbox.binDir, "kubectl");
  process.env.KDEPLOY_HELM = resolve(sandbox.binDir, "helm");
  // Helm steps read the repository's fixture charts: the server path root an administrator would set.
  process.env.KDEPLOY_SERVER_PATH_ROOTS ??= resolve("server/deploy/__fixtures__");
  const database = await createTestDatabase(testDatabaseProvider());
  installTestContext(database);
  const environmentId = await sandboxEnvironment(sandbox, "sandbox");
  return { database, environmentId };
}

export function sandboxTarget(sandbox: Sandbox): TargetInput {
  const state = sandbox.state as unknown as { caCertificate: string; clientCertificate: string; clientKey: string; serverUrl: string };
  return {
    authKind: "clientCertificate",
    serverUrl: state.serverUrl,
    caCertificate: readFileSync(state.caCertificate, "utf8"),
    clientCertificate: readFileSync(state.clientCertificate, "utf8"),
    clientKey: readFileSync(state.clientKey, "utf8"),
    insecureSkipTlsVerify: false,
    defaultNamespace: "default",
  };
}

export async function sandboxEnvironment(sandbox: Sandbox, name: string, target: TargetInput = sandboxTarget(sandbox)): Promise<string> {
  const environment = await createEnvironment(appContext().db, appContext().sealer, { name, description: "", target });
  return environment.id;
}

/**
 * Creates a project with these steps, a release, and a queued deployment; returns its id.
 * `executor: null` leaves it Queued (another process's executor picks it up).
 */
export async function queueDeployment(
  environmentId: string,
  steps: RawStep[],
  executor: Pick<DeploymentExecutor, "enqueue"> | null = appContext().executor,
  sealer = appContext().sealer,
): Promise<string> {
  const { db } = appContext();
  const project = await createProject(db, { name: `p-${Math.random().toString(36).slice(2, 8)}`, description: "" });
  for (const step of steps)
    await createStep(db, sealer, project.id, stepInput.parse({ ...step, verification: { stabilizationSeconds: 1, ...step.verification } }));
  const release = await createRelease(db, project.id, { version: "", notes: "" });
  const deployment = await createDeployment(db, project.id, { releaseId: release.id, environmentId }, SYSTEM_PRINCIPAL);
  executor?.enqueue(deployment.id);
  return deployment.id;
}

export function deploymentFinished(deploymentId: string): Promise<void> {
  return new Promise((resolveDone) => {
    const listener = (event: { deploymentId: string; status: string }) => {
      if (event.deploymentId === deploymentId && (event.status === "Succeeded" || event.status === "Failed")) {
        engineEvents().off("deployment", listener);
        resolveDone();
      }
    };
    engineEvents().on("deployment", listener);
  });
}

export async function loadDeployment(deploymentId: string) {
  const { db } = appContext();
  const runs = await db.stepRun.findMany({
    where: { deploymentId },
    orderBy: { position: "asc" },
    include: { objects: true, logLines: { orderBy: { seq: "asc" } } },
  });
  // Each run's whole stored history: the checkpoints' rows and what the freeze put into the rows.
  const withHistory = await Promise.all(runs.map(async (run) => ({ ...run, transitions: await loadStepHistory(db, run.id) })));
  const deployment = await db.deployment.findUniqueOrThrow({ where: { id: deploymentId } });
  return { deployment, runs: withHistory, log: (i = 0) => withHistory[i]!.logLines.map((l) => l.message).join("\n") };
}

export async function deploy(environmentId: string, steps: RawStep[]) {
  const id = await queueDeployment(environmentId, steps);
  await deploymentFinished(id);
  return loadDeployment(id);
}

export const deploymentYaml = (name: string, namespace: string, extraLabels = "", replicas = 2) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: ${namespace} }
spec:
  replicas: ${replicas}
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name}${extraLabels} } }
    spec: { containers: [{ name: app, image: "nginx:1.27" }] }
`;
