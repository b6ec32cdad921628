// A deterministic, realistic-looking deployment history for the audit benchmarks: projects ×
// environments, deployments of 4 steps, ~50 objects per step (Deployments with their
// ReplicaSets and Pods, Services, EndpointSlices, ConfigMaps, a few rare kinds), 85 % of steps
// Succeeded, 10 % Failed, 5 % TimedOut, frozen over the last three years. Pure: no I/O.
export type HistoryShape = { objectRows: number; projects: number; environments: number; objectsPerStep: number; stepsPerDeployment: number };

export const defaultShape: HistoryShape = { objectRows: 1_000_000, projects: 40, environments: 6, objectsPerStep: 50, stepsPerDeployment: 4 };

export type SeedObject = {
  id: string;
  stepRunId: string;
  objectKey: string;
  uid: string;
  parentKey: string | null;
  topLevel: boolean;
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  status: string;
  message: string;
  summary: string;
  lastChangeAt: Date;
};
export type SeedStepRun = {
  id: string;
  deploymentId: string;
  releaseStepId: string;
  position: number;
  name: string;
  status: "Succeeded" | "Failed" | "TimedOut";
  outcomeMessage: string;
  frozenAt: Date;
};
export type SeedDeployment = { id: string; projectId: string; releaseId: string; environmentId: string; status: string; createdAt: Date };

const THREE_YEARS_MS = 3 * 365 * 86_400_000;
const STEP_NAMES = ["Configure", "Deploy web", "Deploy worker", "Migrate"];

/** Small, fast, seeded PRNG (mulberry32) so two runs produce the same history. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const projectId = (index: number) => `bench-project-${index}`;
export const environmentId = (index: number) => `bench-env-${index}`;
export const environmentName = (index: number) =>
  ["production", "staging", "qa", "dev", "eu-prod", "us-prod", "perf", "sandbox"][index % 8] + (index >= 8 ? `-${index}` : "");
export const releaseId = (project: number) => `bench-release-${project}`;
export const releaseStepId = (project: number, position: number) => `bench-rstep-${project}-${position}`;
const RARE_KINDS = ["Job", "CronJob", "StatefulSet", "PersistentVolumeClaim", "Ingress", "DaemonSet"];
const APPS = ["web", "api", "worker", "checkout", "search", "billing", "auth", "catalog", "cart", "notifier"];

function outcomeOf(roll: number): SeedStepRun["status"] {
  return roll < 0.85 ? "Succeeded" : roll < 0.95 ? "Failed" : "TimedOut";
}

const hash = (next: () => number) =>
  Math.floor(next() * 36 ** 5)
    .toString(36)
    .padStart(5, "0");

/** The objects of one step: a tree of Deployment → ReplicaSet → Pods, plus flat objects. */
export function stepObjects(stepRun: SeedStepRun, namespace: string, count: number, next: () => number): SeedObject[] {
  const objects: SeedObject[] = [];
  const failed = stepRun.status !== "Succeeded";
  const add = (kind: string, apiVersion: string, name: string, parentKey: string | null, status: string, message: string, summary: string) => {
    const uid = `${stepRun.id}-${objects.length}`;
    objects.push({
      id: `o-${uid}`,
      stepRunId: stepRun.id,
      objectKey: uid,
      uid,
      parentKey,
      topLevel: parentKey === null,
      apiVersion,
      kind,
      namespace,
      name,
      status,
      message,
      summary,
      lastChangeAt: new Date(stepRun.frozenAt.getTime() - Math.floor(next() * 60_000)),
    });
    return uid;
  };
  while (objects.length < count) {
    const app = `${APPS[Math.floor(next() * APPS.length)]}-${hash(next)}`;
    const roll = next();
    if (roll < 0.06) {
      add("ConfigMap", "v1", `${app}-config`, null, "Success", "", "");
      continue;
    }
    if (roll < 0.1) {
      const service = add("Service", "v1", app, null, "Success", "", "ClusterIP");
      add("EndpointSlice", "discovery.k8s.io/v1", `${app}-${hash(next)}`, service, "Success", "", "endpoints 3");
      continue;
    }
    if (roll < 0.11) {
      add(RARE_KINDS[Math.floor(next() * RARE_KINDS.length)] ?? "Job", "v1", app, null, "Success", "", "");
      continue;
    }
    const broken = failed && next() < 0.4;
    const deployment = add(
      "Deployment",
      "apps/v1",
      app,
      null,
      broken ? (stepRun.status === "TimedOut" ? "TimedOut" : "Error") : "Success",
      broken ? `Deployment does not have minimum availability: ${app}` : "",
      broken ? "ready 1/3" : "ready 3/3",
    );
    const replicaSet = add(
      "ReplicaSet",
      "apps/v1",
      `${app}-${hash(next)}`,
      deployment,
      broken ? "InProgress" : "Success",
      "",
      broken ? "ready 1/3" : "ready 3/3",
    );
    for (let pod = 0; pod < 3 && objects.length < count; pod++) {
      const podName = `${app}-${hash(next)}-${hash(next)}`;
      const crash = broken && pod > 0;
      const reason = next() < 0.1 ? "OOMKilled" : next() < 0.5 ? "CrashLoopBackOff" : "ImagePullBackOff";
      add(
        "Pod",
        "v1",
        podName,
        replicaSet,
        crash ? "Error" : "Success",
        crash ? `${reason}: back-off restarting failed container ${app.split("-")[0]} in pod ${podName}` : "",
        crash ? `restarts ${1 + Math.floor(next() * 9)}` : "ready 1/1",
      );
    }
  }
  return objects.slice(0, count);
}

/** Generates the history in deployments; one deployment at a time with its steps and objects. */
export function* deploymentHistory(shape: HistoryShape, seed = 42): Generator<{ deployment: SeedDeployment; stepRuns: SeedStepRun[]; objects: SeedObject[] }> {
  const next = random(seed);
  const deploymentCount = Math.ceil(shape.objectRows / (shape.objectsPerStep * shape.stepsPerDeployment));
  const now = Date.UTC(2026, 10, 1);
  let remaining = shape.objectRows;
  // Failed steps end their deployment early, so loop until the requested number of rows exists.
  for (let index = 0; remaining > 0; index++) {
    const project = Math.floor(next() ** 1.5 * shape.projects); // a few busy projects, a long tail
    const environment = Math.floor(next() * shape.environments);
    const createdAt = new Date(now - THREE_YEARS_MS + Math.floor(Math.min(index / deploymentCount, 1) * THREE_YEARS_MS));
    const deployment: SeedDeployment = {
      id: `bench-deploy-${index}`,
      projectId: projectId(project),
      releaseId: releaseId(project),
      environmentId: environmentId(environment),
      status: "Succeeded",
      createdAt,
    };
    const namespace = `p${project}-${environmentName(environment)}`;
    const stepRuns: SeedStepRun[] = [];
    const objects: SeedObject[] = [];
    for (let position = 0; position < shape.stepsPerDeployment && remaining > 0; position++) {
      const status = outcomeOf(next());
      const stepRun: SeedStepRun = {
        id: `bench-run-${index}-${position}`,
        deploymentId: deployment.id,
        releaseStepId: releaseStepId(project, position),
        position,
        name: STEP_NAMES[position % STEP_NAMES.length] ?? `Step ${position}`,
        status,
        outcomeMessage: status === "Succeeded" ? "All objects are ready" : status === "Failed" ? "Objects failed" : "Timed out waiting for objects",
        frozenAt: new Date(createdAt.getTime() + (position + 1) * 30_000),
      };
      stepRuns.push(stepRun);
      const batch = stepObjects(stepRun, namespace, Math.min(shape.objectsPerStep, remaining), next);
      objects.push(...batch);
      remaining -= batch.length;
      if (status !== "Succeeded") {
        deployment.status = "Failed";
        break;
      }
    }
    yield { deployment, stepRuns, objects };
  }
}
