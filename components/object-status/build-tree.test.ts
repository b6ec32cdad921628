import assert from "node:assert/strict";
import { test } from "node:test";
import type { ObjectRowView } from "../../server/contracts/object-status.ts";
import { buildRowTree, sameTreeShape, subtreeSummaries, updateRowTree, withCurrentRows } from "./build-tree.ts";

const row = (key: string, parentKey: string | null): ObjectRowView => ({
  key,
  uid: key,
  parentKey,
  apiVersion: "v1",
  kind: "Pod",
  namespace: "shop",
  name: key,
  status: "InProgress",
  message: "",
  summary: "",
  lastChangeAt: "2030-01-01T00:00:00.000Z",
});

test("children hang under their parent; orphans stay visible at the top level", () => {
  const rows = new Map([row("deploy", null), row("rs", "deploy"), row("pod", "rs"), row("orphan", "gone")].map((r) => [r.key, r]));
  const tree = buildRowTree(rows);
  assert.deepEqual(
    tree.topLevel.map((r) => r.key),
    ["deploy", "orphan"],
  );
  assert.deepEqual(
    tree.childrenOf.get("deploy")?.map((r) => r.key),
    ["rs"],
  );
  assert.deepEqual(
    tree.childrenOf.get("rs")?.map((r) => r.key),
    ["pod"],
  );
  assert.equal(tree.topLevel[0], rows.get("deploy"), "rows are not copied");
});

test("siblings get the same order whatever order the rows came in", () => {
  const rows = [
    row("b-pod", "rs"),
    row("a-pod", "rs"),
    row("rs", null),
    { ...row("ns", null), kind: "Namespace" },
    { ...row("app", null), kind: "Deployment" },
  ];
  const forward = buildRowTree(new Map(rows.map((r) => [r.key, r])));
  const backward = buildRowTree(new Map([...rows].reverse().map((r) => [r.key, r])));
  for (const tree of [forward, backward]) {
    assert.deepEqual(
      tree.topLevel.map((r) => r.key),
      ["ns", "app", "rs"],
    );
    assert.deepEqual(
      tree.childrenOf.get("rs")?.map((r) => r.key),
      ["a-pod", "b-pod"],
    );
  }
});

const view = (key: string, fields: Pick<ObjectRowView, "parentKey" | "status">): ObjectRowView => ({ ...row(key, fields.parentKey), status: fields.status });

test("a parent's summary counts every row under it and keeps the worst status of any of them", () => {
  const rows = new Map(
    [
      view("d", { parentKey: null, status: "Success" }),
      view("rs", { parentKey: "d", status: "Success" }),
      view("p1", { parentKey: "rs", status: "InProgress" }),
      view("p2", { parentKey: "rs", status: "TimedOut" }),
      view("lone", { parentKey: null, status: "Error" }),
    ].map((r) => [r.key, r]),
  );
  const summaries = subtreeSummaries(buildRowTree(rows));
  assert.deepEqual(summaries.get("d"), { descendants: 3, worst: "TimedOut" });
  assert.deepEqual(summaries.get("rs"), { descendants: 2, worst: "TimedOut" });
  assert.equal(summaries.has("lone"), false);
});

test("a delta that only changes row contents keeps the previous order and swaps in the new row objects; a rename re-sorts", () => {
  const before = new Map([row("d", null), row("rs", "d"), row("b", "rs"), row("a", "rs")].map((r) => [r.key, r]));
  const tree = buildRowTree(before);
  assert.equal(updateRowTree(tree, before, new Map(before)), tree, "nothing changed: the same tree");

  const changed = new Map(before);
  const failing = { ...before.get("b")!, status: "Error" as const, message: "CrashLoopBackOff" };
  changed.set("b", failing);
  const updated = updateRowTree(tree, before, changed);
  assert.deepEqual(updated, buildRowTree(changed));
  assert.equal(updated.childrenOf.get("rs")![1], failing);
  assert.equal(updated.topLevel[0], tree.topLevel[0], "unchanged rows keep their objects");

  const renamed = new Map(before);
  renamed.set("b", { ...before.get("b")!, name: "0-first" });
  assert.deepEqual(
    updateRowTree(tree, before, renamed)
      .childrenOf.get("rs")!
      .map((r) => r.key),
    ["b", "a"],
  );
});

test("the tree's shape stands while only contents change; a new key, a new parent or a rename changes it", () => {
  const before = new Map([row("d", null), row("rs", "d"), row("a", "rs")].map((r) => [r.key, r]));
  const contents = new Map(before).set("a", { ...before.get("a")!, status: "Error", message: "CrashLoopBackOff", summary: "0/1" });
  assert.equal(sameTreeShape(before, before), true);
  assert.equal(sameTreeShape(before, contents), true);
  assert.equal(sameTreeShape(before, new Map(before).set("b", row("b", "rs"))), false, "a row added");
  const removed = new Map(before);
  removed.delete("a");
  assert.equal(sameTreeShape(before, removed.set("b", row("b", "rs"))), false, "one row replaced by another: same size, other keys");
  assert.equal(sameTreeShape(before, new Map(before).set("a", { ...before.get("a")!, parentKey: "d" })), false, "a new parent");
  assert.equal(sameTreeShape(before, new Map(before).set("a", { ...before.get("a")!, name: "renamed" })), false, "a rename re-sorts");

  const tree = buildRowTree(before);
  const current = withCurrentRows(tree, contents);
  assert.equal(current.childrenOf.get("rs")![0], contents.get("a"), "the current row objects, in the tree's order");
  assert.equal(current.topLevel[0], before.get("d"));
});

test("summaries can be asked for some parents only, reading statuses from the current rows", () => {
  const rows = new Map(
    [
      view("d", { parentKey: null, status: "Success" }),
      view("rs", { parentKey: "d", status: "Success" }),
      view("p1", { parentKey: "rs", status: "Success" }),
      view("other", { parentKey: null, status: "Success" }),
      view("p2", { parentKey: "other", status: "Success" }),
    ].map((r) => [r.key, r]),
  );
  const tree = buildRowTree(rows);
  assert.equal(subtreeSummaries(tree, []).size, 0, "no parent asked for: nothing counted");
  const failing = new Map(rows).set("p1", { ...rows.get("p1")!, status: "Error" });
  const summaries = subtreeSummaries(tree, ["d"], failing);
  assert.deepEqual(summaries.get("d"), { descendants: 2, worst: "Error" }, "the tree holds the older p1; its current status counts");
  assert.equal(summaries.has("other"), false);
});

test("owner references that loop do not hang the summaries", () => {
  const rows = new Map([view("x", { parentKey: "y", status: "Success" }), view("y", { parentKey: "x", status: "Error" })].map((r) => [r.key, r]));
  const summaries = subtreeSummaries(buildRowTree(rows));
  assert.ok(summaries.has("x") && summaries.has("y"));
});
