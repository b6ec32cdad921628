// Live rows across instances (issue 13, 3): two app instances (this test's process, A, runs the
// step; a second process, B, runs the same server/live code) share one database and one real
// redis-server. A client connected to B joins the deployment A executes: it gets A's snapshot,
// then every batch once, in order. Redis is stopped (SIGTERM by pid) mid-stream and started again
// on the same port: A keeps running and reports the fan-out degraded, never failing, and the
// client ends with exactly A's table.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { io as connect, type Socket } from "socket.io-client";
import { createTestDatabase, testDatabaseProvider, type TestDatabase } from "../../testing/test-database.ts";
import { installTestContext, testToken } from "../../testing/test-context.ts";
import { attachSocketServer, type LiveServer } from "../socket-server.ts";
import { engineEvents } from "../../deploy/engine-events.ts";
import { liveTables } from "../live-tables.ts";
import { fanoutHealth } from "../fanout.ts";
import { logger } from "../../logging.ts";
import { GET as health } from "../../../app/api/health/route.ts";
import { reduceTables, emptyTables, resumePoints, type LiveTables as BrowserTables } from "../../../components/object-status/row-reducer.ts";
import type { ClientToServerEvents, ServerToClientEvents, SnapshotPart } from "../../contracts/live.ts";
import type { ObjectRowView, RowChangeBatch } from "../../contracts/object-status.ts";
import { redisAvailable, startRedis, type RedisProcess } from "./redis-process.ts";

// Its own redis-server (it stops and restarts it mid-test). Skipped only outside the suite: with
// KDEPLOY_TEST_REDIS_URL set (scripts/test-all.sh) a missing redis-server fails instead.
const skip = redisAvailable() || process.env.KDEPLOY_TEST_REDIS_URL ? false : "redis-server is not installed (scripts/ensure-system-packages.sh)";

let database: TestDatabase;
let redis: RedisProcess;
let httpServer: HttpServer;
let ioServer: LiveServer;
let instanceB: ChildProcess | undefined;
let urlB: string;
let deploymentId: string;
let stepRunId: string;
let token: string;

const until = async (what: string, check: () => boolean | Promise<boolean>, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not in time: ${what}`);
    await new Promise((done) => setTimeout(done, 20));
  }
};

before(async () => {
  if (skip) return;
  redis = await startRedis();
  database = await createTestDatabase(testDatabaseProvider());
  installTestContext(database);
  const db = database.db;
  const project = await db.project.create({ data: { slug: "fanout", name: "Fanout" } });
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
  token = await testToken("team-member");

  // Instance A: this process; the engine events emitted below are "its" running step.
  httpServer = createServer();
  await new Promise<void>((done) => httpServer.listen(0, "127.0.0.1", done));
  const urlA = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  ioServer = attachSocketServer(httpServer, db, logger().child({ testInstance: "A" }), { allowedOrigins: [urlA], redisUrl: redis.url });
  await until("A's fan-out ready", () => fanoutHealth().state === "ok");

  // Instance B: another process on the same database and Redis.
  const b = await startInstance(redis.url);
  instanceB = b.child;
  urlB = b.url;
});

/** Another app instance in its own process (fanout-instance.ts); its stdout lines as JSON. */
async function startInstance(redisUrl: string, wait = true) {
  const child = spawn(process.execPath, ["--import", "tsx", resolve(import.meta.dirname, "fanout-instance.ts")], {
    env: { ...process.env, FANOUT_DATABASE_URL: database.url, FANOUT_REDIS_URL: redisUrl, FANOUT_WAIT: wait ? "yes" : "no", LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines: { port?: number; redis?: string }[] = [];
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    const complete = output.split("\n");
    output = complete.pop()!;
    for (const line of complete) if (line.startsWith("{") && !line.includes('"level"')) lines.push(JSON.parse(line) as (typeof lines)[number]);
  });
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  // Starting tsx and Prisma in a new process takes seconds on a loaded machine.
  await Promise.race([
    until("instance ready", () => lines.some((line) => line.port), 40_000),
    exited.then((code) => Promise.reject(new Error(`instance exited (${code})`))),
  ]);
  return { child, lines, exited, url: `http://127.0.0.1:${lines.find((line) => line.port)!.port}` };
}

async function stopInstance(child: ChildProcess | undefined) {
  if (!child?.pid || child.exitCode !== null) return;
  const exited = new Promise((done) => child.once("exit", done));
  process.kill(child.pid, "SIGTERM");
  await exited;
}

after(async () => {
  if (skip) return;
  await stopInstance(instanceB);
  ioServer?.close();
  await new Promise((done) => setTimeout(done, 0));
  await redis?.remove();
  await database?.cleanup();
});

const row = (name: string, status: ObjectRowView["status"] = "InProgress", message = ""): ObjectRowView => ({
  key: name,
  uid: name,
  parentKey: null,
  apiVersion: "v1",
  kind: "Pod",
  namespace: "ns",
  name,
  status,
  message,
  summary: "",
  lastChangeAt: "2026-01-01T00:00:00.000Z",
});
let seq = 0;
/** A batch of A's running step: one pod more, and the previous one's message changes. */
const emitOnA = () => {
  seq += 1;
  const batch: RowChangeBatch = { stepRunId, seq, upserts: [row(`pod-${seq}`), row(`pod-${seq - 1}`, "InProgress", `seen ${seq}`)], removals: [] };
  engineEvents().emit("rows", { deploymentId, batch });
};
const ownerTable = () => {
  const step = liveTables(engineEvents()).get(stepRunId)!;
  return { seq: step.seq, rows: new Map([...step.rows.values()].map((value) => [value.key, value])) };
};

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
/** A browser's live table on instance B: the page's own reducer, re-joining on a gap as it does. */
function browserOnB() {
  const socket: Client = connect(urlB, { path: "/socket.io", transports: ["websocket"], reconnection: false, auth: { token } });
  const state = {
    tables: emptyTables as BrowserTables,
    log: [] as string[],
    deltaSeqs: [] as number[],
    rejoins: 0,
    parts: [] as SnapshotPart[],
    frames: [] as string[],
  };
  const join = (since?: Record<string, number>) =>
    new Promise<void>((done, fail) => socket.emit("deployment:join", { deploymentId, since }, (ack) => (ack.ok ? done() : fail(new Error(ack.message)))));
  socket.on("table:snapshot", ({ steps, part }) => {
    if (part) state.parts.push(part);
    state.frames.push("part");
    if (!part || part.index === 0) state.log.push(`snapshot ${steps.map((step) => step.seq).join(",")}`);
    state.tables = reduceTables(state.tables, { type: "snapshot", steps, part }).state;
  });
  socket.on("table:delta", ({ batches }) => {
    state.frames.push("delta");
    state.deltaSeqs.push(...batches.map((batch) => batch.seq));
    const { state: next, resync } = reduceTables(state.tables, { type: "delta", batches });
    state.tables = next;
    if (resync.length) {
      state.rejoins += 1;
      void join(resumePoints(state.tables));
    }
  });
  return { socket, state, join, seq: () => state.tables.steps[stepRunId]?.seq ?? -1, rows: () => state.tables.steps[stepRunId]?.rows };
}

test("a client on instance B gets the step instance A runs: A's snapshot, then every batch once, in order", { skip }, async () => {
  for (let i = 0; i < 5; i += 1) emitOnA();
  const browser = browserOnB();
  try {
    await browser.join();
    // The database holds no checkpoint yet (seq 0, no rows): seq 5 and its rows came from A.
    assert.deepEqual(browser.state.log, ["snapshot 5"]);
    assert.equal(browser.rows()?.size, 6);
    for (let i = 0; i < 25; i += 1) {
      emitOnA();
      if (i % 5 === 4) await new Promise((done) => setTimeout(done, 30)); // several flushes
    }
    await until("B's client at A's seq", () => browser.seq() === seq);
    assert.deepEqual(
      browser.state.deltaSeqs,
      Array.from({ length: 25 }, (_, i) => 6 + i),
      "every batch after the snapshot exactly once, no gap",
    );
    assert.equal(browser.state.rejoins, 0);
    assert.deepEqual(browser.rows(), ownerTable().rows);
  } finally {
    browser.socket.close();
  }
});

test("Redis restarted mid-deployment: A keeps going (health degraded, not failed), B's client ends with A's table", { skip }, async () => {
  const browser = browserOnB();
  try {
    await browser.join();
    assert.equal(browser.seq(), seq);
    emitOnA();
    await until("first batch through Redis", () => browser.seq() === seq);

    const pid = redis.pid;
    assert.ok(pid, "our redis-server has a pid");
    await redis.stop();
    await until("A sees Redis gone", () => fanoutHealth().state === "unavailable");
    const degraded = await health();
    assert.equal(degraded.status, 200, "a Redis outage does not fail the health check");
    const body = (await degraded.json()) as { status: string; redis: { state: string } };
    assert.equal(body.status, "degraded");
    assert.equal(body.redis.state, "unavailable");

    // The deployment goes on without Redis: A's own table follows; these batches reach no other
    // instance (publishing fails at once, nothing is queued).
    for (let i = 0; i < 10; i += 1) emitOnA();
    assert.equal(ownerTable().seq, seq);

    await redis.start();
    await until("A's fan-out back", () => fanoutHealth().state === "ok");
    // No new batch is needed for it: the instances catch their browsers up once Redis is back.
    await until("B's client caught up with A, the step quiet", () => browser.seq() === seq, 15_000);
    assert.deepEqual(browser.rows(), ownerTable().rows);
    for (let i = 0; i < 5; i += 1) emitOnA();
    await until("B's client follows again", () => browser.seq() === seq);
    assert.equal(browser.state.rejoins, 0, "the server filled the hole; the browser never saw a gap");
    assert.deepEqual(browser.rows(), ownerTable().rows, "the client's table is the owner's: nothing lost, nothing doubled");
    const after = (await (await health()).json()) as { status: string; redis: { state: string } };
    assert.deepEqual([after.status, after.redis.state], ["ok", "ok"]);
  } finally {
    browser.socket.close();
  }
});

test("an instance whose Redis is not there starts, serves joins from the database and says so", { skip }, async () => {
  const closed = await startRedis();
  await closed.remove(); // a port nothing listens on any more
  const instance = await startInstance(closed.url, false);
  try {
    const socket: Client = connect(instance.url, { path: "/socket.io", transports: ["websocket"], reconnection: false, auth: { token } });
    const snapshots: number[] = [];
    socket.on("table:snapshot", ({ steps }) => snapshots.push(...steps.map((step) => step.seq)));
    const ack = await new Promise<{ ok: boolean }>((done) => socket.emit("deployment:join", { deploymentId }, done));
    socket.close();
    assert.deepEqual([ack.ok, snapshots], [true, [0]], "the checkpoint in the database (none yet: seq 0)");
    process.kill(instance.child.pid!, "SIGUSR2");
    await until("its health line", () => instance.lines.some((line) => line.redis && !line.port));
    assert.equal(instance.lines.at(-1)!.redis, "unavailable");
    assert.equal(instance.child.exitCode, null, "still running");
  } finally {
    await stopInstance(instance.child);
  }
});

// Last: A's step holds 2,500 rows more from here on.
test("a join on B of A's 2,500-row step: A's answer reaches the browser in 3 parts, then every batch once", { skip }, async () => {
  seq += 1;
  const big = Array.from({ length: 2_500 }, (_, i) => row(`big-${i}`));
  engineEvents().emit("rows", { deploymentId, batch: { stepRunId, seq, upserts: big, removals: [] } });
  // A batch more as soon as A has answered B's question: it reaches B while B sends the parts.
  let answered = false;
  ioServer.on("live:steps", () => {
    if (answered) return;
    answered = true;
    emitOnA();
  });
  const browser = browserOnB();
  try {
    await browser.join();
    emitOnA();
    await until("B's client at A's seq", () => browser.seq() === seq);
    const parts = browser.state.parts;
    assert.deepEqual(
      parts.map((part) => `${part.index}/${part.count}`),
      ["0/3", "1/3", "2/3"],
    );
    assert.equal(new Set(parts.map((part) => part.snapshotId)).size, 1);
    assert.deepEqual(browser.state.frames.slice(0, 3), ["part", "part", "part"], "the parts first");
    const snapshotSeq = parts[0]!.seq;
    assert.deepEqual(
      browser.state.deltaSeqs,
      Array.from({ length: seq - snapshotSeq }, (_, i) => snapshotSeq + 1 + i),
      "every batch after the snapshot exactly once, no gap",
    );
    assert.equal(browser.state.rejoins, 0);
    assert.deepEqual(browser.rows(), ownerTable().rows);
  } finally {
    browser.socket.close();
  }
});
