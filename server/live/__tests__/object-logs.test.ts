// The drawer's log lines for a failing container, read through a fake cluster read: the path and
// query asked (the previous instance once the container restarted), the lines kept (the last
// ones, control characters dropped, long lines cut) and null wherever the cluster serves none.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { ObjectRowView } from "../../contracts/object-status.ts";
import { LOG_LINE_CHARS, LOG_TAIL_LINES, readLogTail, sanitizeLog, type LogRead } from "../object-details.ts";

const podRow: ObjectRowView = {
  key: "uid-1",
  uid: "uid-1",
  parentKey: null,
  apiVersion: "v1",
  kind: "Pod",
  namespace: "shop",
  name: "web-1",
  status: "Error",
  message: "CrashLoopBackOff",
  summary: "",
  lastChangeAt: "2026-12-01T12:00:00.000Z",
};

const pod = (restartCount: number, lastTerminated = restartCount > 0) => ({
  kind: "Pod",
  status: {
    containerStatuses: [
      {
        name: "app",
        restartCount,
        state: { waiting: { reason: "CrashLoopBackOff" } },
        lastState: lastTerminated ? { terminated: { exitCode: 1, reason: "Error" } } : {},
      },
    ],
  },
});

function fakeRead(answer: { status: number; text: string } | Error) {
  const calls: { path: string; query: Record<string, string | number | boolean> }[] = [];
  const read: LogRead = async (path, query) => {
    calls.push({ path, query });
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { read, calls };
}

test("a restarted container's log is read from its previous instance: its last lines, oldest first", async () => {
  const { read, calls } = fakeRead({ status: 200, text: "starting\nlistening on :8080\npanic: no database\n" });
  assert.deepEqual(await readLogTail(read, podRow, pod(3), "app"), ["starting", "listening on :8080", "panic: no database"]);
  assert.equal(calls.length, 1);
  assert.equal(calls[0]!.path, "/api/v1/namespaces/shop/pods/web-1/log");
  assert.deepEqual(calls[0]!.query, { container: "app", tailLines: LOG_TAIL_LINES, limitBytes: 16 * 1024, previous: true });
});

test("a container that never restarted is read from its current instance", async () => {
  const { read, calls } = fakeRead({ status: 200, text: "error: bad flag\n" });
  assert.deepEqual(await readLogTail(read, podRow, pod(0), "app"), ["error: bad flag"]);
  assert.equal(calls[0]!.query.previous, false);
});

test("no logs: an error status, an empty body, a failed read, another kind or a Secret give null", async () => {
  assert.equal(await readLogTail(fakeRead({ status: 404, text: "not found" }).read, podRow, pod(1), "app"), null);
  assert.equal(await readLogTail(fakeRead({ status: 200, text: "\n\n" }).read, podRow, pod(1), "app"), null);
  assert.equal(await readLogTail(fakeRead(new Error("Connecting timed out")).read, podRow, pod(1), "app"), null);
  for (const row of [
    { ...podRow, kind: "Deployment", apiVersion: "apps/v1" },
    { ...podRow, kind: "Secret" },
  ]) {
    const { read, calls } = fakeRead({ status: 200, text: "line\n" });
    assert.equal(await readLogTail(read, row, null, "app"), null);
    assert.equal(calls.length, 0, `${row.kind}: the cluster was asked for logs`);
  }
});

test("the lines are sanitized and capped: the last LOG_TAIL_LINES, no control characters, long lines cut", () => {
  const many = Array.from({ length: 80 }, (_, i) => `line ${i}`).join("\n");
  const lines = sanitizeLog(many);
  assert.equal(lines.length, LOG_TAIL_LINES);
  assert.equal(lines.at(-1), "line 79");
  assert.deepEqual(sanitizeLog("\u001b[31mred\u001b[0m\r\nbell\u0007 and\ttab\n"), ["red", "bell and\ttab"]);
  const [long] = sanitizeLog("x".repeat(LOG_LINE_CHARS + 100));
  assert.equal(long, `${"x".repeat(LOG_LINE_CHARS)}…`);
  assert.ok(sanitizeLog("y".repeat(100_000)).join("").length <= 16 * 1024 + 1);
});
