import assert from "node:assert/strict";
import { test } from "node:test";
import type { ObjectRowView } from "../../server/contracts/object-status.ts";
import { buildRowTree, subtreeSummaries, updateRowTree } from "./build-tree.ts";

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
