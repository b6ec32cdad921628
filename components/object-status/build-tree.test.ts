import assert from "node:assert/strict";
import { test } from "node:test";
import type { ObjectRowView } from "../../server/contracts/object-status.ts";
import { buildRowTree } from "./build-tree.ts";

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
