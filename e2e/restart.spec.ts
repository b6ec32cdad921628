// The production server killed in the middle of a step and started again (issue 10, point 2;
// docs/reliability.md): a server this spec starts itself (e2e/fresh-server.ts: the production
// build, its own port and SQLite data folder, an administrator from KDEPLOY_ADMIN_*) deploys to
// the sandbox cluster through the HTTP API; once the step is tracking and its rows are
// checkpointed, the server is killed by pid (SIGKILL, or SIGTERM for a graceful stop) and started
// again on the same data folder and port. The deployment must then finish by itself: Succeeded, the
// task log saying tracking resumed (once, with the original deadline) with contiguous line numbers
// and nothing done twice, and a frozen snapshot that is complete and equals the cluster's real
// state (read with client-node). The times from the restart to "tracking resumed" and to the
// freeze are printed. API only: no browser.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import Sqlite from "better-sqlite3";
import { AppsV1Api, CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import type { APIRequestContext } from "@playwright/test";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "../server/contracts/live.ts";
import { emptyTables, reduceTables, resumePoints, type LiveTables } from "../components/object-status/row-reducer.ts";
import { expect, test } from "./fixtures.ts";
import { unique } from "./helpers.ts";
import pg from "pg";
import { startServer, type Exit, type ServerProcess } from "./fresh-server.ts";
import { ADMIN, database, restartPort } from "./run-settings.ts";

const stateFile = join(process.env.KDEPLOY_SANDBOX_HOME ?? join(homedir(), ".local/state/kdeploy-sandbox"), "sandbox.json");

type SandboxState = { serverUrl: string; kubeconfigPath: string; caCertificate: string; clientCertificate: string; clientKey: string };
type Row = { key: string; uid: string | null; parentKey: string | null; kind: string; namespace: string; name: string; status: string; message: string };
type StepTable = { stepRunId: string; status: string; phase: { name: string; deadlineAt?: string | null }; frozenAt: string | null; seq: number; rows: Row[] };
type LogLine = { seq: number; at: string; level: string; message: string };
type DeploymentView = { status: string; message: string; steps: { id: string; status: string; outcomeMessage: string; frozenAt: string | null }[] };

test.use({ storageState: { cookies: [], origins: [] } });
test.describe.configure({ mode: "serial" });

test.beforeEach(() => {
  test.skip(!existsSync(stateFile), "needs the sandbox cluster: run `npm run sandbox` (scripts/test-all.sh does)");
});

const STEP = "Deploy app";
/** Long enough that the pods turn Ready only after the restart: the resumed tracker sees it happen. */
const READY_AFTER = "20s";
const TIMEOUT_SECONDS = 180;
const STABILIZATION_SECONDS = 3;

const utc = (at: string) => `${at.slice(0, 19).replace("T", " ")} UTC`;

function manifest(namespace: string, name: string): string {
  return `apiVersion: v1
kind: Namespace
metadata: { name: ${namespace} }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: ${namespace} }
spec:
  replicas: 2
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata:
      labels: { app: ${name} }
      annotations: { sandbox.kdeploy.dev/ready-after: "${READY_AFTER}" }
    spec: { containers: [{ name: app, image: "nginx:1.27" }] }
`;
}

/** An API client signed in as the administrator (the session cookie outlives the restart: same database). */
async function signedIn(newContext: (options: { baseURL: string; extraHTTPHeaders: Record<string, string> }) => Promise<APIRequestContext>, url: string) {
  const api = await newContext({ baseURL: url, extraHTTPHeaders: { origin: url } });
  const response = await api.post("/api/auth/sign-in/email", { data: { email: ADMIN.email, password: ADMIN.password } });
  expect(response.ok(), `sign-in: HTTP ${response.status()}`).toBe(true);
  return api;
}

async function queueDeployment(api: APIRequestContext, state: SandboxState, namespace: string): Promise<string> {
  const environment = await api.post("/api/environments", {
    data: {
      name: unique("restart sandbox"),
      target: {
        authKind: "clientCertificate",
        serverUrl: state.serverUrl,
        caCertificate: readFileSync(state.caCertificate, "utf8"),
        clientCertificate: readFileSync(state.clientCertificate, "utf8"),
        clientKey: readFileSync(state.clientKey, "utf8"),
        defaultNamespace: "default",
      },
    },
  });
  expect(environment.status(), await environment.text()).toBe(201);
  const environmentId = ((await environment.json()) as { id: string }).id;
  const project = await api.post("/api/projects", { data: { name: unique("Restart") } });
  expect(project.ok(), await project.text()).toBe(true);
  const projectId = ((await project.json()) as { id: string }).id;
  const step = await api.post(`/api/projects/${projectId}/steps`, {
    data: {
      type: "kubernetes-yaml",
      name: STEP,
      config: { source: "inline", yaml: manifest(namespace, "web") },
      verification: { enabled: true, timeoutEnabled: true, timeoutSeconds: TIMEOUT_SECONDS, stabilizationSeconds: STABILIZATION_SECONDS },
    },
  });
  expect(step.ok(), await step.text()).toBe(true);
  const release = await api.post(`/api/projects/${projectId}/releases`, { data: {} });
  expect(release.ok(), await release.text()).toBe(true);
  const releaseId = ((await release.json()) as { id: string }).id;
  const deployment = await api.post(`/api/projects/${projectId}/deployments`, { data: { releaseId, environmentId } });
  expect(deployment.ok(), await deployment.text()).toBe(true);
  return ((await deployment.json()) as { id: string }).id;
}

async function getJson<T>(api: APIRequestContext, path: string): Promise<T> {
  const response = await api.get(path);
  expect(response.ok(), `GET ${path}: HTTP ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

const table = async (api: APIRequestContext, deploymentId: string) =>
  (await getJson<{ steps: StepTable[] }>(api, `/api/deployments/${deploymentId}/objects`)).steps[0]!;
const logLines = async (api: APIRequestContext, deploymentId: string) =>
  (await getJson<{ stepRunId: string; lines: LogLine[] }[]>(api, `/api/deployments/${deploymentId}/log`))[0]!.lines;

/** Polls `probe` (every 100 ms) until it returns a value; fails after `timeoutMs`, naming `what`. */
async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A viewer outside a browser that behaves like the page (components/object-status/
 * use-live-deployment.ts): an API token in the handshake, every (re)connect and every sequence gap
 * re-joins with `since`, snapshots and deltas go through the page's own row reducer. Its table
 * outlives the connection: `reconnect()` after the restart is a page's socket reconnecting (by
 * itself, after a backoff of up to 5 s), at a moment the test picks.
 */
function connectViewer(url: string, token: string, deploymentId: string) {
  let tables: LiveTables = emptyTables;
  const deltas: { seq: number; removals: string[] }[] = [];
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
    path: "/socket.io",
    transports: ["websocket"],
    auth: { token },
    reconnection: false,
  });
  let resyncing = false;
  const join = () => {
    resyncing = true;
    socket.emit("deployment:join", { deploymentId, since: resumePoints(tables) }, () => (resyncing = false));
  };
  socket.on("connect", join);
  socket.on("table:snapshot", ({ steps, part }) => (tables = reduceTables(tables, { type: "snapshot", steps, part }).state));
  const listeners: ((batch: { seq: number; removals: string[] }) => void)[] = [];
  socket.on("table:delta", ({ batches }) => {
    const update = reduceTables(tables, { type: "delta", batches });
    tables = update.state;
    for (const batch of batches) {
      deltas.push(batch);
      for (const listener of listeners) listener(batch);
    }
    if (update.resync.length > 0 && !resyncing) join();
  });
  socket.on("step:status", ({ deploymentId: _id, ...change }) => (tables = reduceTables(tables, { type: "step-status", ...change }).state));
  return {
    /** The viewer's rows of the deployment's (only) step, as comparable text. */
    rows: () => rowsText([...(Object.values(tables.steps)[0]?.rows.values() ?? [])]),
    seq: () => Object.values(tables.steps)[0]?.seq ?? 0,
    onDelta: (listener: (batch: { seq: number; removals: string[] }) => void) => listeners.push(listener),
    reconnect: () => socket.connect(),
    close: () => socket.close(),
  };
}

const rowsText = (rows: readonly Row[]) =>
  rows.map((row) => `${row.kind} ${row.name} ${row.status} ${row.message} (key ${row.key}, parent ${row.parentKey})`).sort();

/**
 * The server's database: its own SQLite file in the SQLite pass, a new database on the test
 * PostgreSQL in the PostgreSQL pass (resuming is proved on both, like everything else here).
 */
async function serverDatabase(dataDir: string): Promise<{ url: string; topLevelRows(stepRunId: string): Promise<number>; drop(): Promise<void> }> {
  if (database === "sqlite") {
    const file = join(dataDir, "kdeploy.db");
    return {
      url: `file:${file}`,
      async topLevelRows(stepRunId) {
        if (!existsSync(file)) return 0;
        const db = new Sqlite(file, { readonly: true, fileMustExist: true });
        try {
          return (db.prepare(`SELECT COUNT(*) AS n FROM "ObjectRow" WHERE "stepRunId" = ? AND "topLevel" = 1`).get(stepRunId) as { n: number }).n;
        } finally {
          db.close();
        }
      },
      drop: async () => undefined,
    };
  }
  const adminUrl = process.env.KDEPLOY_TEST_POSTGRES_URL;
  if (!adminUrl) throw new Error("E2E_DATABASE=postgresql needs KDEPLOY_TEST_POSTGRES_URL (scripts/test-all.sh sets it)");
  const name = `kdeploy_e2e_restart_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async topLevelRows(stepRunId) {
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        const result = await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM "ObjectRow" WHERE "stepRunId" = $1 AND "topLevel"`, [stepRunId]);
        return Number(result.rows[0]!.n);
      } finally {
        await client.end();
      }
    },
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

/** The frozen rows are exactly the namespace's objects in the cluster now, by uid, each Success because each is Ready. */
async function expectSnapshotMatchesCluster(kubeConfig: KubeConfig, namespace: string, rows: Row[]) {
  const apps = kubeConfig.makeApiClient(AppsV1Api);
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const deployment = await apps.readNamespacedDeployment({ name: "web", namespace });
  const replicaSets = (await apps.listNamespacedReplicaSet({ namespace })).items;
  const pods = (await core.listNamespacedPod({ namespace })).items;
  const live = await core.readNamespace({ name: namespace });
  const cluster = [
    `Namespace ${namespace} ${live.metadata!.uid}`,
    `Deployment web ${deployment.metadata!.uid}`,
    ...replicaSets.map((rs) => `ReplicaSet ${rs.metadata!.name} ${rs.metadata!.uid}`),
    ...pods.map((pod) => `Pod ${pod.metadata!.name} ${pod.metadata!.uid}`),
  ].sort();
  expect(rows.map((row) => `${row.kind} ${row.name} ${row.uid}`).sort(), "the snapshot holds exactly the cluster's objects").toEqual(cluster);
  expect(new Set(rows.map((row) => row.key)).size, "no row twice").toBe(rows.length);
  expect(deployment.status?.readyReplicas).toBe(2);
  expect(deployment.status?.updatedReplicas).toBe(2);
  for (const pod of pods)
    expect(
      pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True"),
      `pod ${pod.metadata!.name} Ready`,
    ).toBe(true);
  for (const row of rows) expect(`${row.kind} ${row.name}: ${row.status} ${row.message}`).toMatch(/: Success /);
  const byUid = new Map(rows.map((row) => [row.uid, row]));
  for (const pod of pods) expect(byUid.get(pod.metadata!.ownerReferences![0]!.uid)?.kind, "pod rows hang under their ReplicaSet").toBe("ReplicaSet");
  for (const pod of pods) expect(rows.find((row) => row.uid === pod.metadata!.uid)?.parentKey).toBe(byUid.get(pod.metadata!.ownerReferences![0]!.uid)!.key);
}

for (const signal of ["SIGKILL", "SIGTERM"] as const) {
  test(`the production server ${signal === "SIGKILL" ? "killed (SIGKILL)" : "stopped (SIGTERM)"} mid-step: started again, it resumes tracking and freezes a complete snapshot that equals the cluster`, async ({
    playwright,
  }, testInfo) => {
    test.setTimeout(420_000);
    const state = JSON.parse(readFileSync(stateFile, "utf8")) as SandboxState;
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(state.kubeconfigPath);
    const dataDir = mkdtempSync(join(tmpdir(), "kdeploy-e2e-restart-"));
    const serverDb = await serverDatabase(dataDir);
    const settings = { KDEPLOY_ADMIN_EMAIL: ADMIN.email, KDEPLOY_ADMIN_PASSWORD: ADMIN.password, LOG_LEVEL: "info", DATABASE_URL: serverDb.url };
    const namespace = `e2e-restart-${Math.random().toString(36).slice(2, 8)}`;
    const servers: ServerProcess[] = [];
    const core = kubeConfig.makeApiClient(CoreV1Api);
    let viewer: ReturnType<typeof connectViewer> | undefined;
    const newContext = (options: { baseURL: string; extraHTTPHeaders: Record<string, string> }) => playwright.request.newContext(options);
    try {
      const first = await startServer({ port: restartPort, dataDir, settings, timeoutMs: 120_000 });
      servers.push(first);
      const api = await signedIn(newContext, first.url);
      const deploymentId = await queueDeployment(api, state, namespace);

      // Tracking: the Deployment and its pods are rows (not Ready yet), and the rows are checkpointed.
      const tracking = await until("the step to track the Deployment's pods", 60_000, async () => {
        const step = await table(api, deploymentId);
        const pods = step.rows.filter((row) => row.kind === "Pod");
        return step.phase.name === "tracking" && pods.length === 2 ? step : undefined;
      });
      expect(
        tracking.rows.filter((row) => row.kind === "Pod").map((row) => row.status),
        "the pods are not Ready yet",
      ).toEqual(["InProgress", "InProgress"]);
      const deadlineAt = tracking.phase.deadlineAt!;
      expect(deadlineAt).toBeTruthy();
      await until("the step's top-level rows to be checkpointed", 30_000, async () =>
        (await serverDb.topLevelRows(tracking.stepRunId)) > 0 ? true : undefined,
      );

      // A viewer follows the deployment across the restart.
      const created = await api.post("/api/tokens", { data: { name: "restart viewer", expiresInDays: 1 } });
      expect(created.ok(), `POST /api/tokens: HTTP ${created.status()}`).toBe(true);
      viewer = connectViewer(first.url, ((await created.json()) as { token: string }).token, deploymentId);
      await until("the viewer to hold the step's rows", 15_000, async () =>
        viewer!.rows().filter((row) => row.startsWith("Pod ")).length === 2 ? true : undefined,
      );

      // The cluster changes right before the kill (one pod deleted; the kill follows the very
      // batch that tells the viewer, so the viewer has seen more than the last checkpoint) and
      // while the server is down (the other pod deleted). Both are replaced by their ReplicaSet.
      const [podA, podB] = tracking.rows.filter((row) => row.kind === "Pod");
      let killed: Promise<Exit> | undefined;
      const killedAfterBatch = new Promise<void>((resolve) =>
        viewer!.onDelta((batch) => {
          if (killed || !batch.removals.includes(podA!.key)) return;
          killed = first.kill(signal);
          resolve();
        }),
      );
      const linesBefore = await logLines(api, deploymentId);
      await core.deleteNamespacedPod({ name: podA!.name, namespace, gracePeriodSeconds: 0 });
      await until("the viewer to see the pod deleted", 15_000, async () => (killed ? true : undefined));
      await killedAfterBatch;
      const exit = await killed!;
      if (signal === "SIGKILL") expect(exit).toEqual({ code: null, signal: "SIGKILL" });
      else expect(exit, first.output()).toEqual({ code: 0, signal: null });
      await core.deleteNamespacedPod({ name: podB!.name, namespace, gracePeriodSeconds: 0 });
      await until("both pods to be replaced in the cluster", 30_000, async () => {
        const pods = (await core.listNamespacedPod({ namespace })).items.filter((pod) => !pod.metadata!.deletionTimestamp);
        const names = pods.map((pod) => pod.metadata!.name);
        return pods.length === 2 && !names.includes(podA!.name) && !names.includes(podB!.name) ? true : undefined;
      });

      const restartedAt = Date.now();
      const second = await startServer({ port: restartPort, dataDir, settings, timeoutMs: 120_000 });
      servers.push(second);
      const listeningMs = Date.now() - restartedAt;
      const resumedLine = await until("the task log to say tracking resumed", 120_000, async () =>
        (await logLines(api, deploymentId)).find((line) => line.message.startsWith("Tracking resumed after a server restart")),
      ).catch(async (error: Error) => {
        const log = (await logLines(api, deploymentId)).map((line) => `${line.seq} ${line.level} ${line.message}`).join("\n");
        throw new Error(`${error.message}\nTask log:\n${log}\nServer output:\n${second.output()}`);
      });
      const resumedMs = Date.parse(resumedLine.at) - restartedAt;
      // While it tracks again, the step keeps its original deadline.
      const resumed = await table(api, deploymentId);
      if (!resumed.frozenAt) expect(resumed.phase.deadlineAt, JSON.stringify(resumed.phase)).toBe(deadlineAt);

      // The viewer reconnects once tracking has resumed and the restarted server has numbered more
      // batches than the viewer holds (as a page's socket whose backoff outlasted the restart).
      // Before the freeze it must show exactly the server's live table: no row of a deleted pod,
      // every change after the restart applied (not dropped as a batch it already had).
      await until("the restarted server to number more batches than the viewer holds", 60_000, async () => {
        const step = await table(api, deploymentId);
        return step.seq > viewer!.seq() || step.frozenAt ? true : undefined;
      });
      viewer.reconnect();
      await until("the viewer to show the server's table while the step stabilizes", 90_000, async () => {
        const step = await table(api, deploymentId);
        const server = rowsText(step.rows);
        if (step.frozenAt)
          throw new Error(`the step froze before the viewer showed the server's table.\nViewer:\n${viewer!.rows().join("\n")}\nServer:\n${server.join("\n")}`);
        return step.phase.name === "stabilizing" && JSON.stringify(viewer!.rows()) === JSON.stringify(server) ? true : undefined;
      });

      const finished = await until("the deployment to finish", 120_000, async () => {
        const deployment = await getJson<DeploymentView>(api, `/api/deployments/${deploymentId}`);
        return ["Succeeded", "Failed"].includes(deployment.status) ? deployment : undefined;
      });
      const lines = await logLines(api, deploymentId);
      const logText = lines.map((line) => `${line.seq} ${line.level} ${line.message}`).join("\n");
      expect(finished.status, `${finished.message}\n${logText}\n${second.output()}`).toBe("Succeeded");
      const [stepRun] = finished.steps;
      expect(stepRun!.status, stepRun!.outcomeMessage).toBe("Succeeded");
      expect(stepRun!.frozenAt).toBeTruthy();
      const frozenMs = Date.parse(stepRun!.frozenAt!) - restartedAt;

      // The task log: lines numbered 1, 2, 3, … (nothing lost between the processes, nothing
      // twice), what was logged before the kill kept as it was, the resume said once with the
      // original deadline, the step applied and started once.
      expect(
        lines.map((line) => line.seq),
        logText,
      ).toEqual(lines.map((_, i) => i + 1));
      expect(lines.slice(0, linesBefore.length), "the lines from before the restart are unchanged").toEqual(linesBefore);
      const count = (pattern: RegExp) => lines.filter((line) => pattern.test(line.message)).length;
      expect(count(/^Tracking resumed after a server restart/), logText).toBe(1);
      expect(resumedLine.message).toContain(`the step's timeout still ends at ${utc(deadlineAt)}.`);
      expect(count(/^Step ".*" started\.$/), logText).toBe(1);
      expect(count(/with server-side apply/), logText).toBe(1);
      expect(count(/applied again/), logText).toBe(0);
      expect(count(/^The server is stopping; tracking resumes when it starts again\.$/), logText).toBe(signal === "SIGTERM" ? 1 : 0);

      // The frozen snapshot, as the API serves it: complete, final, the cluster's real state.
      const snapshot = await table(api, deploymentId);
      expect(snapshot.frozenAt).toBe(stepRun!.frozenAt);
      expect(snapshot.status).toBe("Succeeded");
      await expectSnapshotMatchesCluster(kubeConfig, namespace, snapshot.rows);

      const timing = `${signal}: restart → /api/health ${listeningMs} ms, → "tracking resumed" ${resumedMs} ms, → frozen ${frozenMs} ms (pods Ready ${READY_AFTER} after they started, stabilization ${STABILIZATION_SECONDS} s)`;
      console.log(`[restart] ${timing}`);
      testInfo.annotations.push({ type: "timing", description: timing });
      await api.dispose();
    } finally {
      viewer?.close();
      for (const server of servers) await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
      await serverDb.drop();
      await core.deleteNamespace({ name: namespace }).catch(() => undefined);
    }
  });
}
