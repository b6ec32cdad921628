// The live transport with a real Socket.IO server and client on 127.0.0.1: a joining browser gets
// the current tables, then batched deltas; after a reconnect it resumes from its last sequence
// without gaps or duplicates, or gets a fresh snapshot when the gap cannot be filled.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { io as connect, type Socket } from "socket.io-client";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { installTestContext } from "../../testing/test-context.ts";
import { attachSocketServer, type LiveServer } from "../socket-server.ts";
import { engineEvents } from "../../deploy/engine-events.ts";
import { logger } from "../../logging.ts";
import type { ClientToServerEvents, ServerToClientEvents, StepTableSnapshot } from "../../contracts/live.ts";
import type { ObjectRowView, RowChangeBatch } from "../../contracts/object-status.ts";

let database: TestDatabase;
let httpServer: HttpServer;
let ioServer: LiveServer;
let url: string;
let deploymentId: string;
let stepRunId: string;

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
  httpServer = createServer();
  ioServer = attachSocketServer(httpServer, db, logger());
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
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
function client(): { socket: Client; snapshots: StepTableSnapshot[][]; deltas: RowChangeBatch[] } {
  const socket: Client = connect(url, { path: "/socket.io", transports: ["websocket"], reconnection: false });
  const snapshots: StepTableSnapshot[][] = [];
  const deltas: RowChangeBatch[] = [];
  socket.on("table:snapshot", ({ steps }) => snapshots.push(steps));
  socket.on("table:delta", ({ batches }) => deltas.push(...batches));
  return { socket, snapshots, deltas };
}
const join = (socket: Client, since?: Record<string, number>) =>
  new Promise<void>((resolve, reject) =>
    socket.emit("deployment:join", { deploymentId, since }, (ack) => (ack.ok ? resolve() : reject(new Error(ack.message)))),
  );
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

test("joining an unknown deployment is refused", async () => {
  const stranger = client();
  await assert.rejects(
    new Promise<void>((resolve, reject) =>
      stranger.socket.emit("deployment:join", { deploymentId: "missing" }, (ack) => (ack.ok ? resolve() : reject(new Error(ack.message)))),
    ),
    /does not exist/,
  );
  stranger.socket.disconnect();
});
