import { test } from "node:test";
import assert from "node:assert/strict";
import { treeOrder } from "../tree-order.ts";

const row = (objectKey: string, parentKey: string | null = null) => ({ objectKey, parentKey });

test("children follow their parent, one level deeper", () => {
  const ordered = treeOrder([row("pod", "rs"), row("svc"), row("rs", "dep"), row("dep")]);
  assert.deepEqual(
    ordered.map(({ row, depth }) => `${row.objectKey}:${depth}`),
    ["svc:0", "dep:0", "rs:1", "pod:2"],
  );
});

test("orphans and parent cycles are still shown", () => {
  const ordered = treeOrder([row("orphan", "gone"), row("a", "b"), row("b", "a")]);
  assert.deepEqual(ordered.map(({ row }) => row.objectKey).sort(), ["a", "b", "orphan"]);
});
