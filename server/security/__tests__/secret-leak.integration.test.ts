// The secret leak test (issue 9). One deployment, run to the end by the real executor through the
// route handlers, carries four secrets, each a unique random marker: Secret values in a "Deploy
// Kubernetes YAML" step (stringData, data and kubectl's last-applied annotation), a Secret step's
// value, a Secret rendered by a Helm chart, and the target's bearer token. Then every place a
// value could end up is searched: every table of the database (every column as text) and the
// database files themselves, every log line (pino at trace level), every API response the test
// read, every socket frame a live client received and every engine event. No marker may appear.
// The test can fail: it first reads each Secret back from the cluster and finds its marker
// there (and the deployment only succeeds if the token worked), so the markers did go through.
import Sqlite from "better-sqlite3";
import pg from "pg";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { CoreV1Api, RbacAuthorizationV1Api } from "@kubernetes/client-node";
import { io as connect, type Socket } from "socket.io-client";
import { useSandbox, type Sandbox } from "../../../sandbox/testing.ts";
import { logTo } from "../../logging.ts";
import { createTestDatabase, testDatabaseProvider, type TestDatabase } from "../../testing/test-database.ts";
import { call as callRoute, installTestContext, testToken } from "../../testing/test-context.ts";
import { appContext } from "../../context.ts";
import { engineEvents } from "../../deploy/engine-events.ts";
import { deploymentFinished, sandboxTarget } from "../../deploy/testing/deploy-harness.ts";
import { attachSocketServer, type LiveServer } from "../../live/socket-server.ts";
import type { ClientToServerEvents, ServerToClientEvents } from "../../contracts/live.ts";
import * as environments from "../../../app/api/environments/route.ts";
import * as environment from "../../../app/api/environments/[environmentId]/route.ts";
import * as testConnection from "../../../app/api/environments/[environmentId]/test-connection/route.ts";
import * as projects from "../../../app/api/projects/route.ts";
import * as steps from "../../../app/api/projects/[projectId]/steps/route.ts";
import * as step from "../../../app/api/projects/[projectId]/steps/[stepId]/route.ts";
import * as preview from "../../../app/api/steps/preview/route.ts";
import * as releases from "../../../app/api/projects/[projectId]/releases/route.ts";
import * as release from "../../../app/api/releases/[releaseId]/route.ts";
import * as exportRoute from "../../../app/api/projects/[projectId]/process/export/route.ts";
import * as deployments from "../../../app/api/projects/[projectId]/deployments/route.ts";
import * as deployment from "../../../app/api/deployments/[deploymentId]/route.ts";
import * as deploymentLog from "../../../app/api/deployments/[deploymentId]/log/route.ts";
import * as deploymentObjects from "../../../app/api/deployments/[deploymentId]/objects/route.ts";
import * as objectDetails from "../../../app/api/step-runs/[stepRunId]/objects/[key]/route.ts";
import * as auditSnapshots from "../../../app/api/audit/snapshots/route.ts";
import * as auditSnapshot from "../../../app/api/audit/snapshots/[stepRunId]/route.ts";
import * as auditSnapshotExport from "../../../app/api/audit/snapshots/[stepRunId]/export/route.ts";
import * as auditTimeline from "../../../app/api/audit/snapshots/[stepRunId]/objects/[key]/timeline/route.ts";
import * as auditObjects from "../../../app/api/audit/objects/route.ts";
import * as auditExport from "../../../app/api/audit/export/route.ts";
import * as auditChanges from "../../../app/api/audit/changes/route.ts";
import * as auditChangesExport from "../../../app/api/audit/changes/export/route.ts";

// Every line any part of the server logs, at every level, from before the app context exists.
const logLines: string[] = [];
logTo(
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString("utf8"));
      done();
    },
  }),
  "trace",
);

const marker = (what: string) => `leak-${what}-${randomBytes(12).toString("hex")}`;
const markers = {
  yamlStringData: marker("yaml-stringdata"),
  yamlData: marker("yaml-data"),
  yamlLastApplied: marker("yaml-last-applied"),
  yamlRefused: marker("yaml-refused"),
  secretStep: marker("secret-step"),
  helmChart: marker("helm-chart"),
};

let sandbox: Sandbox;
let database: TestDatabase;
let chartRoot: string;
let httpServer: HttpServer;
let live: LiveServer;
let liveUrl: string;
let targetToken: string;
let bindingName: string | undefined;
const responses: string[] = [];
const frames: string[] = [];
const events: string[] = [];

/** A route call as an administrator (who sees the most), its response kept for the search. */
async function call(...args: Parameters<typeof callRoute>) {
  const response = await callRoute(...args);
  responses.push(`${response.status} ${response.text}`);
  assert.ok(response.status < 300, `${response.status} ${response.text}`);
  return response;
}

before(async () => {
  sandbox = await useSandbox();
  process.env.KDEPLOY_KUBECTL = resolve(sandbox.binDir, "kubectl");
  process.env.KDEPLOY_HELM = resolve(sandbox.binDir, "helm");
  chartRoot = mkdtempSync(join(tmpdir(), "kdeploy-leak-charts-"));
  process.env.KDEPLOY_SERVER_PATH_ROOTS = chartRoot; // "Path on the server" charts only from here
  writeSecretChart(join(chartRoot, "secret-app"), markers.helmChart);
  database = await createTestDatabase(testDatabaseProvider());
  installTestContext(database);
  appContext().log.trace("leak test: the log is captured"); // proves the server's logger writes here
  targetToken = await serviceAccountToken(sandbox);
  for (const name of ["rows", "log", "step", "deployment"] as const) engineEvents().on(name, (payload: unknown) => events.push(JSON.stringify(payload)));
  httpServer = createServer();
  await new Promise<void>((done) => httpServer.listen(0, "127.0.0.1", done));
  liveUrl = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  live = attachSocketServer(httpServer, database.db, appContext().log, { allowedOrigins: [liveUrl] });
});

after(async () => {
  live?.close();
  await appContext().executor.stop();
  await database?.cleanup();
  if (bindingName)
    await sandbox.kubeConfig
      .makeApiClient(RbacAuthorizationV1Api)
      .deleteClusterRoleBinding({ name: bindingName })
      .catch(() => undefined);
  await sandbox?.cleanup();
  rmSync(chartRoot, { recursive: true, force: true });
});

test("no secret value reaches the database, a log line, an API response or a socket frame", async () => {
  const namespace = await sandbox.createNamespace("leak");
  const target = sandboxTarget(sandbox) as { serverUrl: string; caCertificate: string };
  const env = await call(environments.POST, {
    body: {
      name: `leak-${randomBytes(3).toString("hex")}`,
      target: {
        authKind: "token",
        serverUrl: target.serverUrl,
        caCertificate: target.caCertificate,
        insecureSkipTlsVerify: false,
        defaultNamespace: namespace,
        token: targetToken,
      },
    },
  });
  const environmentId = env.json.id as string;
  const project = (await call(projects.POST, { body: { name: `Leak ${randomBytes(3).toString("hex")}` } })).json as { id: string };
  const projectId = project.id;

  const quick = { stabilizationSeconds: 1, timeoutSeconds: 60 };
  const stepInputs = [
    {
      type: "secret",
      name: "Secret step",
      config: { name: "form-secret", namespace, data: [{ key: "password", value: markers.secretStep }] },
      verification: quick,
    },
    { type: "kubernetes-yaml", name: "YAML step", config: { source: "inline", yaml: yamlWithSecret(namespace) }, verification: quick },
    {
      type: "helm-chart",
      name: "Helm step",
      config: { chart: { source: "path", path: join(chartRoot, "secret-app") }, releaseName: "leak", namespace },
      verification: { timeoutSeconds: 60 },
    },
  ];
  const created: { id: string }[] = [];
  for (const input of stepInputs) created.push((await call(steps.POST, { params: { projectId }, body: input })).json);
  for (const input of stepInputs) await call(preview.POST, { body: input });
  const shownSteps = [];
  for (const { id } of created) shownSteps.push((await call(step.GET, { params: { projectId, stepId: id } })).json);
  // Saved again as the editor does, with the values it was shown: "<redacted>" keeps them (the
  // cluster must still get the markers) and the change trail records the save.
  for (const shownStep of shownSteps) {
    const { id, version, position: _position, updatedAt: _updatedAt, ...input } = shownStep;
    const config = shownStep.type === "secret" ? { ...input.config, data: input.config.data.map(({ key }: { key: string }) => ({ key })) } : input.config;
    await call(step.PUT, { method: "PUT", params: { projectId, stepId: id }, body: { ...input, config, expectedVersion: version } });
  }
  await call(steps.GET, { params: { projectId } });
  const released = await call(releases.POST, { params: { projectId }, body: {} });
  await call(release.GET, { params: { releaseId: released.json.id } });
  for (const format of ["json", "yaml"]) await call(exportRoute.GET, { url: `http://127.0.0.1/x?format=${format}`, params: { projectId } });

  const queued = await call(deployments.POST, { params: { projectId }, body: { releaseId: released.json.id, environmentId } });
  const deploymentId = queued.json.id as string;
  const finished = deploymentFinished(deploymentId);
  const watching = await liveClient(deploymentId);
  await finished;

  // The markers went through: the deployment succeeded with nothing but the token, and every
  // Secret in the cluster holds its marker.
  const shown = await call(deployment.GET, { params: { deploymentId } });
  const logText = (await call(deploymentLog.GET, { params: { deploymentId } })).text;
  assert.equal(shown.json.status, "Succeeded", logText);
  const core = sandbox.kubeConfig.makeApiClient(CoreV1Api);
  const secretValue = async (name: string, key: string) => {
    const secret = await core.readNamespacedSecret({ name, namespace });
    return Buffer.from(secret.data![key]!, "base64").toString("utf8");
  };
  assert.equal(await secretValue("form-secret", "password"), markers.secretStep);
  assert.equal(await secretValue("yaml-secret", "password"), markers.yamlStringData);
  assert.equal(await secretValue("yaml-secret", "token"), markers.yamlData);
  assert.equal(await secretValue("leak-credentials", "value"), markers.helmChart);
  const yamlSecret = await core.readNamespacedSecret({ name: "yaml-secret", namespace });
  assert.match(yamlSecret.metadata!.annotations!["kubectl.kubernetes.io/last-applied-configuration"]!, new RegExp(markers.yamlLastApplied));

  // Everything a user or an auditor can read about it afterwards.
  const tables = (await call(deploymentObjects.GET, { params: { deploymentId } })).json.steps as { stepRunId: string; rows: { key: string }[] }[];
  assert.ok(
    tables.some((table) => table.rows.length > 0),
    "the tables have rows",
  );
  for (const table of tables) {
    for (const row of table.rows) {
      await call(objectDetails.GET, { params: { stepRunId: table.stepRunId, key: encodeURIComponent(row.key) } });
      await call(auditTimeline.GET, { params: { stepRunId: table.stepRunId, key: encodeURIComponent(row.key) } });
    }
    await call(auditSnapshot.GET, { params: { stepRunId: table.stepRunId } });
    for (const format of ["json", "csv"])
      await call(auditSnapshotExport.GET, { url: `http://127.0.0.1/x?format=${format}`, params: { stepRunId: table.stepRunId } });
  }
  await call(auditSnapshots.GET, { url: "http://127.0.0.1/x?limit=100" });
  await call(auditObjects.GET, { url: "http://127.0.0.1/x?limit=100" });
  for (const format of ["json", "csv"])
    for (const mode of ["objects", "snapshots"]) await call(auditExport.GET, { url: `http://127.0.0.1/x?format=${format}&mode=${mode}` });
  await call(auditChanges.GET, { url: "http://127.0.0.1/x?limit=100" });
  for (const format of ["json", "csv"]) await call(auditChangesExport.GET, { url: `http://127.0.0.1/x?format=${format}` });
  await call(environments.GET);
  await call(environment.GET, { params: { environmentId } });
  await call(testConnection.POST, { params: { environmentId } });
  await refusedSecretDeployment(environmentId, namespace);
  const lateJoiner = await liveClient(deploymentId); // the frozen tables, as a browser opening the page later gets them
  for (const socket of [watching, lateJoiner]) socket.disconnect();

  // The search.
  const places: Record<string, string> = {
    "the database tables": await everyTableAsText(database),
    "the database files": await databaseFiles(database),
    "the log": logLines.join(""),
    "the API responses": responses.join("\n"),
    "the socket frames": frames.join("\n"),
    "the engine events": events.join("\n"),
  };
  assert.ok(
    frames.some((frame) => frame.startsWith('["table:snapshot"')),
    "the live client received tables",
  );
  assert.match(places["the log"]!, /leak test: the log is captured/);
  const needles = [
    ...Object.entries(markers).flatMap(([name, value]) => [
      [name, value],
      [`${name} (base64)`, Buffer.from(value).toString("base64")],
    ]),
    ["target token", targetToken],
    ["target token signature", targetToken.split(".")[2]!],
    ["the test's API token", await testToken("admin")],
  ];
  const found = Object.entries(places).flatMap(([place, text]) =>
    needles.filter(([, needle]) => text.includes(needle!)).map(([name]) => `${name} in ${place}`),
  );
  assert.deepEqual(found, []);
});

/**
 * The error path: the API server refuses a Secret whose data is not base64 (the marker's dashes),
 * so the value goes all the way to the cluster and comes back as an apply error in the task log.
 */
async function refusedSecretDeployment(environmentId: string, namespace: string): Promise<void> {
  const projectId = (await call(projects.POST, { body: { name: `Leak refused ${randomBytes(3).toString("hex")}` } })).json.id as string;
  const yaml = `apiVersion: v1\nkind: Secret\nmetadata: { name: refused, namespace: ${namespace} }\ndata: { value: ${markers.yamlRefused} }\n`;
  await call(steps.POST, { params: { projectId }, body: { type: "kubernetes-yaml", name: "Refused", config: { source: "inline", yaml } } });
  const releaseId = (await call(releases.POST, { params: { projectId }, body: {} })).json.id as string;
  const deploymentId = (await call(deployments.POST, { params: { projectId }, body: { releaseId, environmentId } })).json.id as string;
  // Listened for before the join: the apply is refused at once, so the deployment can end while
  // the live client is still joining (it did, and the test waited forever).
  const finished = deploymentFinished(deploymentId);
  const watching = await liveClient(deploymentId);
  await finished;
  const failed = await call(deployment.GET, { params: { deploymentId } });
  const log = (await call(deploymentLog.GET, { params: { deploymentId } })).text;
  assert.equal(failed.json.status, "Failed", log);
  assert.match(log, /illegal base64/, "the value reached the API server, which refused it");
  watching.disconnect();
}

function yamlWithSecret(namespace: string): string {
  const lastApplied = JSON.stringify({ apiVersion: "v1", kind: "Secret", stringData: { password: markers.yamlLastApplied } });
  return `# A Secret as people write it, next to a ConfigMap
apiVersion: v1
kind: ConfigMap
metadata: { name: yaml-settings, namespace: ${namespace} }
data: { mode: fast }
---
apiVersion: v1
kind: Secret
metadata:
  name: yaml-secret
  namespace: ${namespace}
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '${lastApplied}'
type: Opaque
stringData:
  password: ${markers.yamlStringData} # typed in clear
data:
  token: ${Buffer.from(markers.yamlData).toString("base64")}
`;
}

/** A chart whose template holds the marker itself (Helm values are configuration, stored as written). */
function writeSecretChart(dir: string, value: string): void {
  const fixture = join(dirname(fileURLToPath(import.meta.url)), "../../deploy/__fixtures__/charts/tiny-app/Chart.yaml");
  mkdirSync(join(dir, "templates"), { recursive: true });
  writeFileSync(join(dir, "Chart.yaml"), readFileSync(fixture, "utf8").replace("name: tiny-app", "name: secret-app"));
  writeFileSync(
    join(dir, "templates", "secret.yaml"),
    `apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ .Release.Name }}-credentials\ntype: Opaque\nstringData:\n  value: "${value}"\n`,
  );
  writeFileSync(join(dir, "templates", "configmap.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-settings\ndata: { a: b }\n");
}

/** A real bearer token (a ServiceAccount's, cluster-admin) for the target: itself a unique secret. */
async function serviceAccountToken(cluster: Sandbox): Promise<string> {
  const namespace = await cluster.createNamespace("leak-sa");
  const core = cluster.kubeConfig.makeApiClient(CoreV1Api);
  await core.createNamespacedServiceAccount({ namespace, body: { metadata: { name: "deployer" } } });
  bindingName = `${namespace}-deployer`;
  await cluster.kubeConfig.makeApiClient(RbacAuthorizationV1Api).createClusterRoleBinding({
    body: {
      metadata: { name: bindingName },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
      subjects: [{ kind: "ServiceAccount", name: "deployer", namespace }],
    },
  });
  const request = await core.createNamespacedServiceAccountToken({ name: "deployer", namespace, body: { spec: { expirationSeconds: 3600, audiences: [] } } });
  return request.status!.token;
}

/** A signed-in live client that joined the deployment's room; every frame it receives is kept. */
async function liveClient(deploymentId: string): Promise<Socket<ServerToClientEvents, ClientToServerEvents>> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(liveUrl, {
    path: "/socket.io",
    transports: ["websocket"],
    reconnection: false,
    auth: { token: await testToken("admin") },
  });
  socket.onAny((event: string, ...args: unknown[]) => frames.push(JSON.stringify([event, ...args])));
  await new Promise<void>((done, fail) =>
    socket.emit("deployment:join", { deploymentId }, (ack) => {
      frames.push(JSON.stringify(["ack", ack]));
      return ack.ok ? done() : fail(new Error(ack.message));
    }),
  );
  return socket;
}

/** A value as the search sees it: bytes as latin1 (a marker stored as bytes is found too). */
const asText = (value: unknown): unknown =>
  typeof value === "bigint" ? value.toString() : value instanceof Uint8Array ? Buffer.from(value).toString("latin1") : value;

/**
 * Every row of every table, every column as text. SQLite: migrations' bookkeeping and the message
 * search's FTS5 shadow tables included, read with better-sqlite3 itself (Prisma's adapter cannot
 * type the shadow tables' empty BLOB columns). PostgreSQL: every table of the test database's
 * public schema (the migrations' bookkeeping included), read with pg.
 */
async function everyTableAsText(test: TestDatabase): Promise<string> {
  const rowsAsText = (name: string, rows: Record<string, unknown>[]) =>
    `${name}: ${JSON.stringify(rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, asText(value)]))))}`;
  if (test.provider === "postgresql") {
    const client = new pg.Client({ connectionString: test.url });
    await client.connect();
    try {
      const tables = (
        await client.query<{ name: string }>(
          "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
        )
      ).rows;
      assert.ok(tables.length >= 18, `all tables listed (${tables.map((table) => table.name).join(", ")})`);
      const texts: string[] = [];
      for (const { name } of tables) texts.push(rowsAsText(name, (await client.query(`SELECT * FROM "${name.replaceAll('"', '""')}"`)).rows));
      return texts.join("\n");
    } finally {
      await client.end();
    }
  }
  const db = new Sqlite(test.url.replace(/^file:/, ""), { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    assert.ok(tables.length >= 19, `all tables listed (${tables.map((table) => table.name).join(", ")})`);
    return tables
      .map(({ name }) => rowsAsText(name, db.prepare(`SELECT * FROM "${name.replaceAll('"', '""')}"`).all() as Record<string, unknown>[]))
      .join("\n");
  } finally {
    db.close();
  }
}

/**
 * The database's files byte for byte: a value written and deleted may linger there. SQLite: the
 * file and its journal/WAL. PostgreSQL (the suite's own server on 127.0.0.1, whose data folder
 * this process can read): after a CHECKPOINT, every file of the test database's folder
 * (base/<oid>: tables, indexes, TOAST, dead rows not yet vacuumed).
 */
async function databaseFiles(test: TestDatabase): Promise<string> {
  let folder = dirname(test.url.replace(/^file:/, ""));
  if (test.provider === "postgresql") {
    const client = new pg.Client({ connectionString: test.url });
    await client.connect();
    try {
      await client.query("CHECKPOINT");
      const { rows } = await client.query<{ dir: string; oid: number }>(
        "SELECT current_setting('data_directory') AS dir, oid FROM pg_database WHERE datname = current_database()",
      );
      folder = join(rows[0]!.dir, "base", String(rows[0]!.oid));
    } finally {
      await client.end();
    }
  }
  const files = readdirSync(folder);
  assert.ok(files.length > 0, `the database's files are readable in ${folder}`);
  return files.map((name) => readFileSync(join(folder, name)).toString("latin1")).join("\n");
}
