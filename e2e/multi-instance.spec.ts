// Many instances, one truth (issue 13, "Must show"; docs/operations.md, "Many instances"): this
// spec starts, by pid and on 127.0.0.1, its own redis-server and TWO production servers
// (e2e/fresh-server.ts), instances "a" and "b", on one fresh PostgreSQL database with one secret
// key and a short lease, and deploys to the sandbox cluster through them:
// - two deployments to one environment, submitted at once to A and to B, run one after the other;
//   to two environments, in parallel;
// - Redis killed and started again while a browser on B watches a deployment A executes: the
//   deployment is not affected, /api/health says "degraded" meanwhile, B's table catches up;
// - a browser on B watches a deployment A executes (rows arrive live through Redis); A is killed
//   with SIGKILL mid-step; B takes the deployment over once the lease expires; the browser's table
//   equals the frozen snapshot, which equals the cluster's real state; the task log says it moved.
// PostgreSQL pass only (SQLite is one instance's embedded database); needs redis-server
// (scripts/ensure-system-packages.sh installs it) and the sandbox. Everything it starts stops in
// afterAll, and dies with the spec's process (setpriv --pdeathsig) if that is killed.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AppsV1Api, CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import type { APIRequestContext, Page } from "@playwright/test";
import pg from "pg";
import { expect, signIn, test } from "./fixtures.ts";
import { snap, unique } from "./helpers.ts";
import { startServer, type ServerProcess } from "./fresh-server.ts";
import { ADMIN, database, multiInstancePorts } from "./run-settings.ts";
import { registerSandbox, sandboxStateFile } from "./sandbox-environment.ts";

const redisInstalled = spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;
const SETPRIV = "/usr/bin/setpriv";

/** Short, so a takeover is quick: the lease, the heartbeat that renews it, how often instances look for work. */
const LEASE_MS = 6_000;
const HEARTBEAT_MS = 1_500;
const POLL_MS = 1_000;

type Row = { key: string; uid: string | null; parentKey: string | null; kind: string; name: string; status: string };
type StepTable = { stepRunId: string; status: string; phase: { name: string }; frozenAt: string | null; rows: Row[] };
type LogLine = { seq: number; at: string; level: string; message: string };
type DeploymentView = { status: string; message: string; steps: { status: string; outcomeMessage: string; frozenAt: string | null }[] };
type Health = { status: string; redis: { state: string } };

test.use({ storageState: { cookies: [], origins: [] } });
test.describe.configure({ mode: "serial" });

test.skip(database !== "postgresql", "several instances share a PostgreSQL database: runs in the PostgreSQL pass (E2E_DATABASE=postgresql)");
test.skip(!redisInstalled, "needs redis-server (scripts/ensure-system-packages.sh installs it)");
test.skip(!existsSync(sandboxStateFile), "needs the sandbox cluster: run `npm run sandbox` (scripts/test-all.sh does)");

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

/** This spec's own redis-server on a fixed port (started again on the same port after a kill). */
function redisServer(port: number) {
  const dir = mkdtempSync(join(tmpdir(), "kdeploy-e2e-redis-"));
  let child: ChildProcess | undefined;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      const command = ["redis-server", "--bind", "127.0.0.1", "--port", String(port), "--save", "", "--appendonly", "no", "--dir", dir, "--daemonize", "no"];
      const [program, ...args] = existsSync(SETPRIV) ? [SETPRIV, "--pdeathsig", "SIGKILL", ...command] : command;
      const started = spawn(program!, args, { stdio: ["ignore", "pipe", "pipe"] });
      child = started;
      let output = "";
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (!output.includes("Ready to accept connections")) return;
        started.stdout!.off("data", onData);
        started.stdout!.resume();
        started.off("exit", exitedEarly);
        resolve();
      };
      const exitedEarly = (code: number | null, signal: string | null) =>
        reject(new Error(`redis-server exited (code ${code}, signal ${signal}) before it was ready:\n${output}`));
      started.stdout!.on("data", onData);
      started.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
      started.once("error", reject);
      started.once("exit", exitedEarly);
    });
  /** Sends the signal to its pid; resolves once it has exited. */
  const kill = (signal: "SIGKILL" | "SIGTERM") =>
    new Promise<void>((resolve) => {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null || running.signalCode !== null) return resolve();
      running.once("exit", () => resolve());
      process.kill(running.pid!, signal);
    });
  return {
    url: `redis://127.0.0.1:${port}`,
    start,
    kill,
    async remove() {
      await kill("SIGTERM");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A new database on the test PostgreSQL, shared by both instances; dropped at the end. */
async function createDatabase() {
  const adminUrl = process.env.KDEPLOY_TEST_POSTGRES_URL;
  if (!adminUrl) throw new Error("E2E_DATABASE=postgresql needs KDEPLOY_TEST_POSTGRES_URL (scripts/test-all.sh sets it)");
  const name = `kdeploy_e2e_multi_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  return {
    url: url.toString(),
    /** A query on this database (after the first instance applied the migrations). */
    async query<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<T[]> {
      return (await pool.query<T>(sql, values)).rows;
    },
    async drop() {
      await pool.end();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await dropper.end();
    },
  };
}

async function signedIn(newContext: (options: { baseURL: string; extraHTTPHeaders: Record<string, string> }) => Promise<APIRequestContext>, url: string) {
  const api = await newContext({ baseURL: url, extraHTTPHeaders: { origin: url } });
  const response = await api.post("/api/auth/sign-in/email", { data: { email: ADMIN.email, password: ADMIN.password } });
  expect(response.ok(), `sign-in on ${url}: HTTP ${response.status()}`).toBe(true);
  return api;
}

async function getJson<T>(api: APIRequestContext, path: string): Promise<T> {
  const response = await api.get(path);
  expect(response.ok(), `GET ${path}: HTTP ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

async function postJson<T>(api: APIRequestContext, path: string, data: unknown): Promise<T> {
  const response = await api.post(path, { data });
  expect(response.ok(), `POST ${path}: HTTP ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

/** A project with one YAML step and its first release. */
async function releaseOf(api: APIRequestContext, yaml: string, verification: { timeoutSeconds: number; stabilizationSeconds: number }) {
  const { id: projectId } = await postJson<{ id: string }>(api, "/api/projects", { name: unique("Multi") });
  await postJson(api, `/api/projects/${projectId}/steps`, {
    type: "kubernetes-yaml",
    name: "Deploy app",
    config: { source: "inline", yaml },
    verification: { enabled: true, timeoutEnabled: true, ...verification },
  });
  const { id: releaseId } = await postJson<{ id: string }>(api, `/api/projects/${projectId}/releases`, {});
  return { projectId, releaseId };
}

async function startDeployment(api: APIRequestContext, release: { projectId: string; releaseId: string }, environmentId: string): Promise<string> {
  return (await postJson<{ id: string }>(api, `/api/projects/${release.projectId}/deployments`, { releaseId: release.releaseId, environmentId })).id;
}

const table = async (api: APIRequestContext, deploymentId: string) =>
  (await getJson<{ steps: StepTable[] }>(api, `/api/deployments/${deploymentId}/objects`)).steps[0]!;
const logLines = async (api: APIRequestContext, deploymentId: string) =>
  (await getJson<{ lines: LogLine[] }[]>(api, `/api/deployments/${deploymentId}/log`))[0]!.lines;
const health = async (url: string) =>
  fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) }).then(
    async (response) => (await response.json()) as Health,
    () => undefined,
  );

async function finished(api: APIRequestContext, deploymentId: string, timeoutMs = 120_000): Promise<DeploymentView> {
  return until(`deployment ${deploymentId} to finish`, timeoutMs, async () => {
    const deployment = await getJson<DeploymentView>(api, `/api/deployments/${deploymentId}`);
    return ["Succeeded", "Failed", "Cancelled"].includes(deployment.status) ? deployment : undefined;
  });
}

/** The rows as the browser on B shows them: key, kind, name and status of every rendered row. */
async function renderedRows(page: Page): Promise<string[]> {
  const rows = await page
    .locator("tbody tr[data-row-key]")
    .evaluateAll((elements) =>
      elements.map(
        (row) =>
          `${row.getAttribute("data-row-key")} ${row.children[1]?.textContent ?? ""} ${row.querySelector("td button[data-row-open]")?.textContent ?? ""} ${row.querySelector("[data-status]")?.getAttribute("data-status") ?? ""}`,
      ),
    );
  return rows.sort();
}
const rowsText = (rows: Row[]) => rows.map((row) => `${row.key} ${row.kind} ${row.name} ${row.status}`).sort();

function deploymentManifest(name: string, namespace: string, replicas: number, readyAfter: string) {
  return `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: ${namespace} }
spec:
  replicas: ${replicas}
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata:
      labels: { app: ${name} }
      annotations: { sandbox.kdeploy.dev/ready-after: "${readyAfter}" }
    spec: { containers: [{ name: app, image: "nginx:1.27" }] }
`;
}
const namespaceManifest = (namespace: string) => `apiVersion: v1\nkind: Namespace\nmetadata: { name: ${namespace} }\n`;
const newNamespace = (what: string) => `e2e-multi-${what}-${Math.random().toString(36).slice(2, 7)}`;

/** The frozen rows are exactly the namespace's objects in the cluster now, by uid, each Success. */
async function expectSnapshotMatchesCluster(kubeConfig: KubeConfig, namespace: string, rows: Row[]) {
  const apps = kubeConfig.makeApiClient(AppsV1Api);
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const [live, deployments, replicaSets, pods] = await Promise.all([
    core.readNamespace({ name: namespace }),
    apps.listNamespacedDeployment({ namespace }),
    apps.listNamespacedReplicaSet({ namespace }),
    core.listNamespacedPod({ namespace }),
  ]);
  const cluster = [
    `Namespace ${namespace} ${live.metadata!.uid}`,
    ...deployments.items.map((item) => `Deployment ${item.metadata!.name} ${item.metadata!.uid}`),
    ...replicaSets.items.map((item) => `ReplicaSet ${item.metadata!.name} ${item.metadata!.uid}`),
    ...pods.items.map((item) => `Pod ${item.metadata!.name} ${item.metadata!.uid}`),
  ].sort();
  expect(rows.map((row) => `${row.kind} ${row.name} ${row.uid}`).sort(), "the snapshot holds exactly the cluster's objects").toEqual(cluster);
  expect(new Set(rows.map((row) => row.key)).size, "no row twice").toBe(rows.length);
  for (const item of deployments.items) expect(item.status?.readyReplicas, `Deployment ${item.metadata!.name} ready`).toBe(item.spec!.replicas);
  for (const row of rows) expect(`${row.kind} ${row.name}: ${row.status}`).toMatch(/: Success$/);
  const byUid = new Map(rows.map((row) => [row.uid, row]));
  for (const pod of pods.items)
    expect(rows.find((row) => row.uid === pod.metadata!.uid)?.parentKey, `pod ${pod.metadata!.name} under its ReplicaSet`).toBe(
      byUid.get(pod.metadata!.ownerReferences![0]!.uid)!.key,
    );
}

let db: Awaited<ReturnType<typeof createDatabase>>;
let redis: ReturnType<typeof redisServer>;
const servers: ServerProcess[] = [];
let a: ServerProcess;
let b: ServerProcess;
let apiA: APIRequestContext;
let apiB: APIRequestContext;
let page: Page;
let kubeConfig: KubeConfig;
let environmentId: string;
const dataDirs: string[] = [];
const namespaces: string[] = [];

const claimOf = async (deploymentId: string) =>
  (
    await db.query<{ claimedBy: string | null; leaseExpiresAt: Date | null; startedAt: Date | null; finishedAt: Date | null; status: string }>(
      `SELECT "claimedBy", "leaseExpiresAt", "startedAt", "finishedAt", "status" FROM "Deployment" WHERE id = $1`,
      [deploymentId],
    )
  )[0]!;

/**
 * Starts a deployment through A and waits until A has claimed it. A deployment queued through an
 * instance is claimed by it at once, but any instance may claim queued work (B looks every
 * second): B is paused (SIGSTOP) for that moment, so the instance that executes it is certainly A.
 */
async function startOnA(release: { projectId: string; releaseId: string }, environment: string): Promise<string> {
  process.kill(b.pid, "SIGSTOP");
  try {
    const deploymentId = await startDeployment(apiA, release, environment);
    const claim = await until("instance a to claim the deployment", 15_000, async () => {
      const row = await claimOf(deploymentId);
      return row.status === "Running" ? row : undefined;
    });
    expect(claim.claimedBy, "the instance the deployment was started on claims it").toBe("a");
    return deploymentId;
  } finally {
    process.kill(b.pid, "SIGCONT");
  }
}

async function openObjectStatus(deploymentId: string) {
  await page.goto(`${b.url}/deployments/${deploymentId}`);
  await page.getByRole("tab", { name: "Kubernetes Object Status" }).click();
}

test.beforeAll(async ({ playwright, browser }) => {
  test.setTimeout(240_000);
  const state = JSON.parse(readFileSync(sandboxStateFile, "utf8")) as { kubeconfigPath: string };
  kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(state.kubeconfigPath);
  db = await createDatabase();
  redis = redisServer(multiInstancePorts.redis);
  await redis.start();
  const shared = {
    DATABASE_URL: db.url,
    REDIS_URL: redis.url,
    KDEPLOY_SECRET_KEY: randomBytes(32).toString("base64"),
    KDEPLOY_ADMIN_EMAIL: ADMIN.email,
    KDEPLOY_ADMIN_PASSWORD: ADMIN.password,
    KDEPLOY_LEASE_MS: String(LEASE_MS),
    KDEPLOY_HEARTBEAT_MS: String(HEARTBEAT_MS),
    KDEPLOY_QUEUE_POLL_MS: String(POLL_MS),
    LOG_LEVEL: "info",
  };
  const start = async (instanceId: "a" | "b") => {
    const dataDir = mkdtempSync(join(tmpdir(), `kdeploy-e2e-multi-${instanceId}-`));
    dataDirs.push(dataDir);
    const server = await startServer({
      port: multiInstancePorts[instanceId],
      dataDir,
      settings: { ...shared, KDEPLOY_INSTANCE_ID: instanceId },
      timeoutMs: 180_000,
    });
    servers.push(server);
    return server;
  };
  // One after the other: A applies the migrations and creates the administrator, B finds both done.
  a = await start("a");
  b = await start("b");
  const newContext = (options: { baseURL: string; extraHTTPHeaders: Record<string, string> }) => playwright.request.newContext(options);
  apiA = await signedIn(newContext, a.url);
  apiB = await signedIn(newContext, b.url);
  environmentId = await registerSandbox(apiA, unique("multi sandbox"));

  // The browser signs in on B, through B's sign-in form.
  page = await (await browser.newContext({ baseURL: b.url })).newPage();
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn(page, ADMIN);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Administrator/ })).toBeVisible();
});

test.afterAll(async () => {
  test.setTimeout(90_000);
  // Each step on its own: one that fails (a browser context whose trace files are gone) must not
  // leave the servers, Redis or the database behind.
  const failures: unknown[] = [];
  const attempt = async (step: () => Promise<unknown> | undefined) => {
    try {
      await step();
    } catch (error) {
      failures.push(error);
    }
  };
  await attempt(() => page?.context().close());
  await attempt(() => apiA?.dispose());
  await attempt(() => apiB?.dispose());
  for (const server of servers) await attempt(() => server.stop());
  await attempt(() => redis?.remove());
  await attempt(() => db?.drop());
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  const core = kubeConfig?.makeApiClient(CoreV1Api);
  for (const namespace of namespaces) await core?.deleteNamespace({ name: namespace }).catch(() => undefined);
  if (failures.length > 0) throw failures[0];
});

test("two deployments to one environment submitted at once to A and to B run one after the other; to two environments, in parallel", async () => {
  test.setTimeout(120_000);
  const namespace = newNamespace("queue");
  namespaces.push(namespace);
  const release = await releaseOf(
    apiA,
    `${namespaceManifest(namespace)}---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: settings, namespace: ${namespace} }\ndata: { a: "1" }\n`,
    { timeoutSeconds: 60, stabilizationSeconds: 4 },
  );
  const [left, right] = [await registerSandbox(apiA, unique("multi left")), await registerSandbox(apiA, unique("multi right"))];
  const [sameOnA, sameOnB, leftOnA, rightOnB] = await Promise.all([
    startDeployment(apiA, release, environmentId),
    startDeployment(apiB, release, environmentId),
    startDeployment(apiA, release, left),
    startDeployment(apiB, release, right),
  ]);
  for (const id of [sameOnA, sameOnB, leftOnA, rightOnB]) expect((await finished(apiA, id)).status).toBe("Succeeded");

  const spans = await Promise.all(
    [sameOnA, sameOnB, leftOnA, rightOnB].map(async (id) => {
      const row = await claimOf(id);
      return { start: row.startedAt!.getTime(), end: row.finishedAt!.getTime(), by: row.claimedBy };
    }),
  );
  const [first, second, l, r] = spans as [(typeof spans)[0], (typeof spans)[0], (typeof spans)[0], (typeof spans)[0]];
  const origin = Math.min(...spans.map((span) => span.start));
  const describe = (name: string, span: (typeof spans)[0]) => `${name} on ${span.by} ${span.start - origin}–${span.end - origin} ms`;
  const summary = [describe("same env (via A)", first), describe("same env (via B)", second), describe("left (via A)", l), describe("right (via B)", r)].join(
    ", ",
  );
  console.log(`[multi] Running intervals: ${summary}`);
  const [earlier, later] = first.start <= second.start ? [first, second] : [second, first];
  expect(later.start, `one environment: one after the other (${summary})`).toBeGreaterThanOrEqual(earlier.end);
  expect(Math.max(l.start, r.start), `two environments: in parallel (${summary})`).toBeLessThan(Math.min(l.end, r.end));
  for (const span of spans) expect(["a", "b"]).toContain(span.by);
});

test("Redis killed and started again while a browser on B watches a deployment A executes: the deployment is not affected, B's table catches up", async () => {
  test.setTimeout(150_000);
  const namespace = newNamespace("redis");
  namespaces.push(namespace);
  const release = await releaseOf(apiA, `${namespaceManifest(namespace)}---\n${deploymentManifest("api", namespace, 2, "14s")}`, {
    timeoutSeconds: 120,
    stabilizationSeconds: 3,
  });
  const deploymentId = await startOnA(release, environmentId);
  await openObjectStatus(deploymentId);
  const objectTable = page.getByRole("table", { name: /Kubernetes objects of/ });
  const apiRow = objectTable.getByRole("row").filter({ has: page.getByRole("button", { name: "api", exact: true }) });
  await expect(apiRow.locator("[data-status]")).toHaveAttribute("data-status", "InProgress", { timeout: 30_000 });
  await expect.poll(async () => (await renderedRows(page)).filter((row) => / Pod .* InProgress$/.test(row)).length, { timeout: 30_000 }).toBe(2);

  await redis.kill("SIGKILL");
  const killedAt = Date.now();
  await until("both instances to report the fan-out degraded", 20_000, async () => {
    const [onA, onB] = await Promise.all([health(a.url), health(b.url)]);
    return onA?.status === "degraded" && onB?.status === "degraded" ? true : undefined;
  });
  const degradedMs = Date.now() - killedAt;
  // While Redis is away, A goes on: the pods turn Ready there; B's page cannot hear of it yet.
  await until("the Deployment row to be Success on A", 60_000, async () =>
    (await table(apiA, deploymentId)).rows.find((row) => row.kind === "Deployment")?.status === "Success" ? true : undefined,
  );
  await expect(apiRow.locator("[data-status]"), "B's page hears nothing from A while Redis is away").toHaveAttribute("data-status", "InProgress");

  await redis.start();
  const restartedAt = Date.now();
  await until("both instances to report the fan-out ok again", 20_000, async () => {
    const [onA, onB] = await Promise.all([health(a.url), health(b.url)]);
    return onA?.status === "ok" && onB?.status === "ok" ? true : undefined;
  });
  // Caught up without a reload: first to A's live table (or the frozen one, if it froze meanwhile).
  await expect
    .poll(async () => JSON.stringify(await renderedRows(page)) === JSON.stringify(rowsText((await table(apiB, deploymentId)).rows)), { timeout: 30_000 })
    .toBe(true);
  const caughtUpMs = Date.now() - restartedAt;

  const done = await finished(apiB, deploymentId);
  const lines = await logLines(apiB, deploymentId);
  const logText = lines.map((line) => `${line.seq} ${line.level} ${line.message}`).join("\n");
  expect(done.status, `${done.message}\n${logText}`).toBe("Succeeded");
  expect((await claimOf(deploymentId)).claimedBy, "A ran it to the end").toBe("a");
  expect(
    lines.map((line) => line.seq),
    logText,
  ).toEqual(lines.map((_, i) => i + 1));
  const snapshot = await table(apiB, deploymentId);
  expect(snapshot.frozenAt).toBeTruthy();
  await expect(page.getByText(/Snapshot taken at/)).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => renderedRows(page)).toEqual(rowsText(snapshot.rows));
  await expectSnapshotMatchesCluster(kubeConfig, namespace, snapshot.rows);
  console.log(
    `[multi] Redis SIGKILL → both instances degraded ${degradedMs} ms; Redis down ${restartedAt - killedAt} ms; Redis back → B's page caught up ${caughtUpMs} ms`,
  );
});

test("A killed (SIGKILL) mid-step while a browser on B watches: B takes the deployment over within the lease, the table equals the snapshot and the cluster, the log says it moved", async () => {
  test.setTimeout(180_000);
  const namespace = newNamespace("takeover");
  namespaces.push(namespace);
  // "fast" turns Ready while A executes (a status change B's page must see through Redis), "slow"
  // only after the takeover (B's own tracking sees it).
  const release = await releaseOf(
    apiA,
    `${namespaceManifest(namespace)}---\n${deploymentManifest("fast", namespace, 1, "8s")}---\n${deploymentManifest("slow", namespace, 2, "26s")}`,
    { timeoutSeconds: 180, stabilizationSeconds: 3 },
  );
  const deploymentId = await startOnA(release, environmentId);
  await openObjectStatus(deploymentId);
  const objectTable = page.getByRole("table", { name: /Kubernetes objects of/ });
  const status = (name: string) =>
    objectTable
      .getByRole("row")
      .filter({ has: page.getByRole("button", { name, exact: true }) })
      .locator("[data-status]");
  // Rows arrive live on B from A: "fast" goes from In progress to Success without a reload.
  await expect(status("fast")).toHaveAttribute("data-status", "InProgress", { timeout: 30_000 });
  await expect(status("slow")).toHaveAttribute("data-status", "InProgress");
  await expect(page.getByText("Live", { exact: true })).toBeVisible();
  await expect(status("fast")).toHaveAttribute("data-status", "Success", { timeout: 30_000 });
  await expect(status("slow")).toHaveAttribute("data-status", "InProgress");
  await expect.poll(async () => (await renderedRows(page)).filter((row) => / Pod slow-\S+ InProgress$/.test(row)).length).toBe(2);

  // Tracking on A, its rows checkpointed and its lease renewed at least once: then A dies.
  const tracking = await table(apiA, deploymentId);
  expect(tracking.phase.name).toBe("tracking");
  await until("the step's top-level rows to be checkpointed", 30_000, async () => {
    const [{ n }] = (await db.query<{ n: string }>(`SELECT COUNT(*) AS n FROM "ObjectRow" WHERE "stepRunId" = $1 AND "topLevel"`, [tracking.stepRunId])) as [
      { n: string },
    ];
    return Number(n) >= 3 ? true : undefined;
  });
  const claimed = await claimOf(deploymentId);
  await until("a heartbeat of instance a", 10_000, async () => {
    const row = await claimOf(deploymentId);
    return row.claimedBy === "a" && row.leaseExpiresAt! > claimed.leaseExpiresAt! ? true : undefined;
  });
  const linesBefore = await logLines(apiA, deploymentId);
  const exit = await a.kill("SIGKILL");
  const killedAt = Date.now();
  expect(exit).toEqual({ code: null, signal: "SIGKILL" });
  const left = await claimOf(deploymentId);
  expect(left.status).toBe("Running");
  expect(left.claimedBy).toBe("a");

  // The takeover itself: B's claim in the database (its task-log line follows once B has read the
  // step's checkpoint and reconnected to the cluster).
  await until("instance b to claim the deployment", LEASE_MS + 30_000, async () => ((await claimOf(deploymentId)).claimedBy === "b" ? true : undefined));
  const claimedMs = Date.now() - killedAt;
  const resumed = await until("B's task log to say it took the deployment over", 30_000, async () =>
    (await logLines(apiB, deploymentId)).find((line) => line.message.startsWith("Tracking resumed on instance b")),
  ).catch(async (error: Error) => {
    const log = (await logLines(apiB, deploymentId)).map((line) => `${line.seq} ${line.level} ${line.message}`).join("\n");
    throw new Error(`${error.message}\nTask log:\n${log}\nInstance b:\n${b.output()}`);
  });
  const takeoverMs = Date.parse(resumed.at) - killedAt;
  expect(Date.parse(resumed.at), "not before A's lease expired").toBeGreaterThanOrEqual(left.leaseExpiresAt!.getTime() - 1_000);
  // Within the lease plus a few seconds: the lease runs out at most LEASE_MS after the kill, B looks
  // every POLL_MS; the rest is a busy machine's slack.
  expect(claimedMs, `claimed by b ${claimedMs} ms after the kill (lease ${LEASE_MS} ms)`).toBeLessThanOrEqual(LEASE_MS + 6_000);
  expect(resumed.message).toMatch(/^Tracking resumed on instance b after instance a stopped renewing its lease \(it expired at .* UTC\)\.$/);

  const done = await finished(apiB, deploymentId);
  const lines = await logLines(apiB, deploymentId);
  const logText = lines.map((line) => `${line.seq} ${line.level} ${line.message}`).join("\n");
  expect(done.status, `${done.message}\n${logText}\n${b.output()}`).toBe("Succeeded");
  expect((await claimOf(deploymentId)).claimedBy).toBe("b");
  const frozenMs = Date.parse(done.steps[0]!.frozenAt!) - killedAt;
  // The stored timeline starts before the kill (A's checkpointed history is kept), no transition
  // stored twice: the checkpoints' rows and what the freeze wrote into the rows (server/store/transitions.ts).
  const history = await db.query<{ objectKey: string; at: Date; status: string }>(
    `SELECT "objectKey", "at", "status" FROM "ObjectStatusTransition" WHERE "stepRunId" = $1
     UNION ALL
     SELECT r."objectKey", ((e ->> 'at')::timestamptz AT TIME ZONE 'UTC')::timestamp(3), e ->> 'status'
       FROM "ObjectRow" r, jsonb_array_elements(r."frozenTransitions") e WHERE r."stepRunId" = $1`,
    [tracking.stepRunId],
  );
  expect({
    startsBeforeTheKill: Math.min(...history.map((t) => new Date(t.at).getTime())) < killedAt,
    distinct: new Set(history.map((t) => `${t.objectKey}|${new Date(t.at).toISOString()}|${t.status}`)).size,
  }).toEqual({ startsBeforeTheKill: true, distinct: history.length });

  // Nothing lost or duplicated: the log numbered 1, 2, 3, … across both instances, A's lines kept
  // as they were, the takeover said once, the manifests applied once.
  expect(
    lines.map((line) => line.seq),
    logText,
  ).toEqual(lines.map((_, i) => i + 1));
  expect(lines.slice(0, linesBefore.length), "A's lines are unchanged").toEqual(linesBefore);
  const count = (pattern: RegExp) => lines.filter((line) => pattern.test(line.message)).length;
  expect(count(/^Tracking resumed on instance b/), logText).toBe(1);
  expect(count(/^Step ".*" started\.$/), logText).toBe(1);
  expect(count(/with server-side apply/), logText).toBe(1);

  // The frozen snapshot as the API serves it is the cluster's real state, and B's page shows it.
  const snapshot = await table(apiB, deploymentId);
  expect(snapshot.frozenAt).toBeTruthy();
  await expectSnapshotMatchesCluster(kubeConfig, namespace, snapshot.rows);
  await expect(page.getByText(/Snapshot taken at/)).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => renderedRows(page)).toEqual(rowsText(snapshot.rows));
  const shown = await renderedRows(page);
  expect(new Set(shown.map((row) => row.split(" ")[0])).size, "no row key twice on the page").toBe(shown.length);
  // The page's header follows (it re-reads the deployment every 2 s while it runs).
  await expect(page.getByText("Updating automatically while the deployment runs…")).toHaveCount(0);
  await snap(page, "multi-instance-takeover-objects");

  // The task log on B's page says the deployment moved.
  await page.getByRole("tab", { name: "Task log" }).click();
  await expect(page.getByText(/Tracking resumed on instance b after instance a stopped renewing its lease/)).toBeVisible();
  await snap(page, "multi-instance-takeover-log");

  console.log(
    `[multi] A SIGKILL → claimed by b ${claimedMs} ms, → "Tracking resumed on instance b" ${takeoverMs} ms (lease ${LEASE_MS} ms, heartbeat ${HEARTBEAT_MS} ms, poll ${POLL_MS} ms); → frozen ${frozenMs} ms`,
  );
});
