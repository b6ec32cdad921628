// The live transport with a real Socket.IO server and client on 127.0.0.1: a joining browser gets
// the current tables, then batched deltas; after a reconnect it resumes from its last sequence
// without gaps or duplicates, or gets a fresh snapshot when the gap cannot be filled. Only
// signed-in clients on the app's own origin connect; a deployment the user may not watch is
// answered exactly like one that does not exist.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, request as httpRequest, type Server as HttpServer } from "node:http";
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { io as connect, type Socket } from "socket.io-client";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { installTestContext, TEST_ORIGIN, testToken } from "../../testing/test-context.ts";
import { appContext } from "../../context.ts";
import { createLocalUser } from "../../auth/users.ts";
import { hashToken } from "../../auth/api-tokens.ts";
import { attachSocketServer, JOIN_REFUSED, type LiveServer } from "../socket-server.ts";
import { engineEvents } from "../../deploy/engine-events.ts";
import { logger } from "../../logging.ts";
import type { ClientToServerEvents, ServerToClientEvents, SnapshotPart, StepTableSnapshot } from "../../contracts/live.ts";
import { emptyTables, reduceTables, type LiveTables } from "../../../components/object-status/row-reducer.ts";
import type { ObjectRowView, RowChangeBatch } from "../../contracts/object-status.ts";

let database: TestDatabase;
let httpServer: HttpServer;
let ioServer: LiveServer;
let url: string;
let deploymentId: string;
let finishedDeploymentId: string;
let stepRunId: string;
/** API tokens by role: a team member watches everything, an auditor finished deployments only. */
let teamMemberToken: string;
let auditorToken: string;

before(async () => {
  database = await createTestDatabase("sqlite");
  installTestContext(database);
  const db = database.db;
  const project = await db.project.create({ data: { slug: "live", name: "Live" } });
  const environment = await db.environment.create({ data: { name: "env" } });
  const release = await db.release.create({
    data: {
      projectId: project.id,
      version: "1.0.0",
      processVersion: 1,
      steps: {
        create: [{ sourceStepId: "s", position: 0, name: "Apply", type: "kubernetes-yaml", enabled: true, config: {}, verification: { enabled: true } }],
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
  deploymentId = deployment.id;
  stepRunId = deployment.stepRuns[0]!.id;
  const finished = await db.deployment.create({
    data: { projectId: project.id, releaseId: release.id, environmentId: environment.id, status: "Succeeded", finishedAt: new Date() },
  });
  finishedDeploymentId = finished.id;
  teamMemberToken = await testToken("team-member");
  auditorToken = await testToken("auditor");
  httpServer = createServer();
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  ioServer = attachSocketServer(httpServer, db, logger(), { allowedOrigins: [url], recheckMs: 100 });
});
after(async () => {
  ioServer.close();
  await database.cleanup();
});

const row = (name: string, status: ObjectRowView["status"] = "InProgress"): ObjectRowView => ({
  key: name,
  uid: name,
  parentKey: null,
  apiVersion: "v1",
  kind: "Pod",
  namespace: "ns",
  name,
  status,
  message: "",
  summary: "",
  lastChangeAt: new Date().toISOString(),
});
let seq = 0;
const emit = (...upserts: ObjectRowView[]) => {
  const batch: RowChangeBatch = { stepRunId, seq: ++seq, upserts, removals: [] };
  engineEvents().emit("rows", { deploymentId, batch });
  return batch;
};

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
function client(options: { token?: string; extraHeaders?: Record<string, string> } = { token: teamMemberToken }): {
  socket: Client;
  snapshots: StepTableSnapshot[][];
  deltas: RowChangeBatch[];
} {
  const socket: Client = connect(url, {
    path: "/socket.io",
    transports: ["websocket"],
    reconnection: false,
    auth: options.token ? { token: options.token } : {},
    extraHeaders: options.extraHeaders,
  });
  const snapshots: StepTableSnapshot[][] = [];
  const deltas: RowChangeBatch[] = [];
  socket.on("table:snapshot", ({ steps }) => snapshots.push(steps));
  socket.on("table:delta", ({ batches }) => deltas.push(...batches));
  return { socket, snapshots, deltas };
}
/**
 * Joins and waits for the answer. A socket that cannot connect (reconnection is off) would never
 * send the join, so its connect error fails the join, and an answer that never comes fails it after
 * JOIN_ANSWER_MS instead of hanging the run (it once hung for minutes under load).
 */
const JOIN_ANSWER_MS = 20_000;
const join = (socket: Client, since?: Record<string, number>, id = deploymentId) =>
  new Promise<void>((resolve, reject) => {
    const fail = (error: Error) => {
      clearTimeout(timer);
      socket.off("connect_error", fail);
      reject(error);
    };
    const timer = setTimeout(() => fail(new Error(`no answer to the join within ${JOIN_ANSWER_MS} ms`)), JOIN_ANSWER_MS);
    socket.once("connect_error", fail);
    socket.emit("deployment:join", { deploymentId: id, since }, (ack) => {
      clearTimeout(timer);
      socket.off("connect_error", fail);
      if (ack.ok) resolve();
      else reject(new Error(ack.message));
    });
  });
/** The reason the server refused the connection. */
const connectError = (socket: Client) =>
  new Promise<string>((resolve, reject) => {
    socket.once("connect", () => reject(new Error("connected, but should have been refused")));
    socket.once("connect_error", (error) => resolve(error.message));
  });
const until = async (check: () => boolean, ms = 3_000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

test("a joining browser gets the current table, then batched deltas in order", async () => {
  emit(row("a"), row("b"));
  const first = client();
  await join(first.socket);
  await until(() => first.snapshots.length === 1);
  const step = first.snapshots[0]!.find((s) => s.stepRunId === stepRunId)!;
  assert.deepEqual(step.rows.map((r) => r.name).sort(), ["a", "b"]);
  assert.equal(step.seq, seq);
  const before = Date.now();
  for (let i = 0; i < 20; i++) emit(row("a", i % 2 ? "Success" : "InProgress"));
  await until(() => first.deltas.length === 20);
  assert.deepEqual(
    first.deltas.map((b) => b.seq),
    Array.from({ length: 20 }, (_, i) => step.seq + i + 1),
  );
  assert.ok(Date.now() - before < 1_000);
  first.socket.disconnect();
});

test("after a reconnect the browser resumes from its last sequence without gaps or duplicates", async () => {
  const viewer = client();
  await join(viewer.socket);
  await until(() => viewer.snapshots.length === 1);
  const lastSeen = viewer.snapshots[0]![0]!.seq;
  viewer.socket.disconnect();
  emit(row("c"));
  emit(row("d"));
  const back = client();
  await join(back.socket, { [stepRunId]: lastSeen });
  await until(() => back.deltas.length >= 2);
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal(back.snapshots.length, 0, "no snapshot needed: the gap was filled");
  assert.deepEqual(
    back.deltas.map((b) => b.seq),
    [lastSeen + 1, lastSeen + 2],
  );
  back.socket.disconnect();
});

test("a gap that can no longer be filled gets a fresh snapshot of that step", async () => {
  for (let i = 0; i < 520; i++) emit(row(`bulk-${i % 5}`));
  const late = client();
  await join(late.socket, { [stepRunId]: 1 });
  await until(() => late.snapshots.length === 1);
  const step = late.snapshots[0]![0]!;
  assert.equal(step.seq, seq);
  assert.ok(step.rows.some((r) => r.name === "bulk-4"));
  late.socket.disconnect();
});

test("an unknown deployment and one the user may not watch get the same answer", async () => {
  const member = client();
  await assert.rejects(join(member.socket, undefined, "missing"), { message: JOIN_REFUSED });
  member.socket.disconnect();
  const auditor = client({ token: auditorToken });
  await assert.rejects(join(auditor.socket, undefined, deploymentId), { message: JOIN_REFUSED }, "auditors watch finished deployments only");
  await assert.rejects(join(auditor.socket, undefined, "missing"), { message: JOIN_REFUSED });
  await join(auditor.socket, undefined, finishedDeploymentId);
  auditor.socket.disconnect();
});

test("a refused join gets no rows of that deployment", async () => {
  const auditor = client({ token: auditorToken });
  await assert.rejects(join(auditor.socket, undefined, deploymentId), { message: JOIN_REFUSED });
  emit(row("after-refusal"));
  const member = client();
  await join(member.socket);
  emit(row("after-refusal-2"));
  await until(() => member.deltas.some((batch) => batch.upserts.some((r) => r.name === "after-refusal-2")));
  assert.equal(auditor.snapshots.length + auditor.deltas.length, 0);
  auditor.socket.disconnect();
  member.socket.disconnect();
});

test("a client that is not signed in, or whose token is unknown, cannot connect", async () => {
  assert.match(await connectError(client({}).socket), /Sign in/);
  assert.match(await connectError(client({ token: "kd_not-a-real-token" }).socket), /Sign in/);
});

test("a browser signed in with a session cookie connects from our own page and joins", async () => {
  const { db, auth } = appContext();
  await createLocalUser(db, auth, {
    name: "Viewer",
    email: "viewer@example.test",
    password: "a long enough password",
    roles: ["team-member"],
    deployEnvironmentIds: null,
  });
  const signIn = await auth.handler(
    new Request(`${TEST_ORIGIN}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: TEST_ORIGIN },
      body: JSON.stringify({ email: "viewer@example.test", password: "a long enough password" }),
    }),
  );
  assert.equal(signIn.status, 200);
  const cookie = signIn.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  const browser = client({ extraHeaders: { cookie, Origin: url } });
  await join(browser.socket);
  browser.socket.disconnect();
});

test("a revoked token stops working at the next join", async () => {
  // Its own user (the deploy scope only makes the cached token distinct), since it gets revoked.
  const token = await testToken("team-member", ["revoked-in-this-test"]);
  const viewer = client({ token });
  await join(viewer.socket);
  await database.db.apiToken.update({ where: { tokenHash: hashToken(token) }, data: { revokedAt: new Date() } });
  await assert.rejects(join(viewer.socket), { message: JOIN_REFUSED });
  viewer.socket.disconnect();
});

test("a socket watching a deployment is disconnected once its token is revoked", async () => {
  const token = await testToken("team-member", ["revoked-while-watching"]);
  const viewer = client({ token });
  await join(viewer.socket);
  const disconnected = new Promise<string>((resolve) => viewer.socket.once("disconnect", (reason) => resolve(reason)));
  await database.db.apiToken.update({ where: { tokenHash: hashToken(token) }, data: { revokedAt: new Date() } });
  assert.equal(await disconnected, "io server disconnect");
});

test("a handshake from another site's page is refused, whatever it signs in with", async () => {
  const foreign = client({ token: teamMemberToken, extraHeaders: { Origin: "http://attacker.example" } });
  assert.match(await connectError(foreign.socket), /websocket error|own pages/i);
  const sameSite = client({ token: teamMemberToken, extraHeaders: { "Sec-Fetch-Site": "same-site" } });
  assert.match(await connectError(sameSite.socket), /websocket error|own pages/i);
  const ours = client({ token: teamMemberToken, extraHeaders: { Origin: url, "Sec-Fetch-Site": "same-origin" } });
  await join(ours.socket);
  ours.socket.disconnect();
});

/** A raw engine.io polling handshake, to see the HTTP status a refused one gets. */
const pollingHandshake = (headers: Record<string, string>) =>
  new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const request = httpRequest(`${url}/socket.io/?EIO=4&transport=polling`, { headers }, (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body, headers: response.headers }));
    });
    request.on("error", reject);
    request.end();
  });

test("the handshake checks Host and Origin before anything else, and sends no CORS headers", async () => {
  const rebound = await pollingHandshake({ Host: "attacker.example" });
  assert.equal(rebound.status, 403);
  const foreign = await pollingHandshake({ Origin: "http://attacker.example" });
  assert.equal(foreign.status, 403);
  const ours = await pollingHandshake({ Origin: url });
  assert.equal(ours.status, 200, ours.body);
  assert.equal(ours.headers["access-control-allow-origin"], undefined);
  assert.equal(ours.headers["x-content-type-options"], "nosniff");
});

/** A raw WebSocket upgrade of engine.io, to read the server's answer to the extension offer. */
const websocketUpgrade = (extensions: string | null) =>
  new Promise<Record<string, unknown>>((resolve, reject) => {
    const headers: Record<string, string> = {
      Connection: "Upgrade",
      Upgrade: "websocket",
      "Sec-WebSocket-Version": "13",
      "Sec-WebSocket-Key": randomBytes(16).toString("base64"),
      Authorization: `Bearer ${teamMemberToken}`,
      Origin: url,
    };
    if (extensions) headers["Sec-WebSocket-Extensions"] = extensions;
    const request = httpRequest(`${url}/socket.io/?EIO=4&transport=websocket`, { headers });
    request.on("upgrade", (response, socket) => {
      socket.destroy();
      resolve(response.headers);
    });
    request.on("response", (response) => reject(new Error(`no upgrade: HTTP ${response.statusCode}`)));
    request.on("error", reject);
    request.end();
  });

test("the server's handshake answer accepts permessage-deflate when the client offers it (as Chromium does)", async () => {
  // Chromium's offer, verbatim.
  const accepted = await websocketUpgrade("permessage-deflate; client_max_window_bits");
  assert.match(String(accepted["sec-websocket-extensions"]), /^permessage-deflate/);
  const plain = await websocketUpgrade(null);
  assert.equal(plain["sec-websocket-extensions"], undefined, "nothing offered, nothing negotiated");
});

// Last in this file: the step holds 2,500 rows more from here on.
test("a 2,500-row join arrives as 3 parts in tree order, then the deltas; a batch emitted during the join comes once", async () => {
  // 500 Deployments with 4 pods each, the pods first: what came first is not tree order.
  const pods = Array.from({ length: 2_000 }, (_, i) => ({ ...row(`big-pod-${i}`), parentKey: `big-deploy-${i % 500}` }));
  const deployments = Array.from({ length: 500 }, (_, i) => ({ ...row(`big-deploy-${i}`), kind: "Deployment" }));
  emit(...pods);
  emit(...deployments);
  const watcher = client();
  await join(watcher.socket);

  // The join's read of the deployment's steps: a batch is emitted, and published to the room
  // (the watcher has it) before the join goes on, so it reaches the joining socket mid-join.
  let during: RowChangeBatch | undefined;
  const delegate = database.db.deployment as unknown as { findUnique: (args: { select?: { stepRuns?: unknown } }) => Promise<unknown> };
  const findUnique = delegate.findUnique;
  delegate.findUnique = async (args) => {
    if (args.select?.stepRuns && !during) {
      during = emit({ ...row("big-pod-0", "Success"), parentKey: "big-deploy-0" });
      await until(() => watcher.deltas.some((batch) => batch.seq === during!.seq));
    }
    return findUnique.call(delegate, args);
  };
  const viewer = client();
  const frames: ({ part: SnapshotPart; rows: ObjectRowView[] } | { deltas: number[] })[] = [];
  let tables: LiveTables = emptyTables;
  viewer.socket.on("table:snapshot", ({ steps, part }) => {
    frames.push({ part: part!, rows: steps[0]!.rows });
    tables = reduceTables(tables, { type: "snapshot", steps, part }).state;
  });
  viewer.socket.on("table:delta", ({ batches }) => {
    frames.push({ deltas: batches.map((batch) => batch.seq) });
    tables = reduceTables(tables, { type: "delta", batches }).state;
  });
  try {
    await join(viewer.socket);
  } finally {
    delegate.findUnique = findUnique;
  }
  const after = emit({ ...row("big-pod-1", "Success"), parentKey: "big-deploy-1" });
  await until(() => tables.steps[stepRunId]?.seq === after.seq);

  const parts = frames.flatMap((frame) => ("part" in frame ? [frame] : []));
  assert.deepEqual(
    parts.map(({ part }) => [part.index, part.count]),
    [
      [0, 3],
      [1, 3],
      [2, 3],
    ],
  );
  assert.ok(
    frames.slice(0, 3).every((frame) => "part" in frame),
    "every part before any delta",
  );
  const [first] = parts;
  assert.ok(parts.every(({ part }) => part.snapshotId === first!.part.snapshotId && part.seq === first!.part.seq && part.stepRunId === stepRunId));
  assert.ok(parts.every(({ rows }) => rows.length <= 1_000));
  const sent = parts.flatMap(({ rows }) => rows.map((r) => r.key));
  assert.equal(new Set(sent).size, sent.length, "each row in one part only");
  const position = new Map(sent.map((key, index) => [key, index]));
  const rows = parts.flatMap((part) => part.rows);
  assert.ok(rows.length > 2_500);
  assert.deepEqual(
    rows.filter((r) => r.parentKey !== null && !(position.get(r.parentKey)! < position.get(r.key)!)).map((r) => r.key),
    [],
    "tree order: every parent before its children",
  );
  // The batch emitted mid-join is in the snapshot or follows it, once; nothing after it is missed.
  const deltaSeqs = frames.flatMap((frame) => ("deltas" in frame ? frame.deltas : []));
  const snapshotSeq = first!.part.seq;
  assert.ok(during && snapshotSeq >= during.seq - 1);
  assert.equal(Number(snapshotSeq >= during.seq) + deltaSeqs.filter((s) => s === during!.seq).length, 1, "the mid-join batch exactly once");
  assert.deepEqual(
    deltaSeqs,
    Array.from({ length: after.seq - snapshotSeq }, (_, i) => snapshotSeq + 1 + i),
  );
  assert.equal(tables.steps[stepRunId]!.rows.get("big-pod-1")!.status, "Success");
  assert.equal(tables.steps[stepRunId]!.rows.get("big-pod-0")!.status, "Success");
  viewer.socket.disconnect();
  watcher.socket.disconnect();
});
