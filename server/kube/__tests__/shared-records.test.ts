// Hash-consing of watched objects' small trees: equal plain-JSON trees become one frozen object,
// anything else is left alone, and no text can make two different trees look equal.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { sharedTreeCount, shareTree } from "../shared-records.ts";

const condition = (type: string, status: string) => ({ type, status, lastProbeTime: null, lastTransitionTime: "2026-12-01T18:00:00Z" });

test("equal trees are one frozen object, down to each child; different ones stay apart", () => {
  const a = shareTree({ phase: "Running", conditions: [condition("Ready", "True"), condition("PodScheduled", "True")] });
  const b = shareTree({ phase: "Running", conditions: [condition("Ready", "True"), condition("PodScheduled", "True")] });
  assert.equal(a, b, "the second tree is the first one");
  assert.ok(Object.isFrozen(a) && Object.isFrozen(a.conditions) && Object.isFrozen(a.conditions[0]));
  const c = shareTree({ phase: "Running", conditions: [condition("Ready", "False"), condition("PodScheduled", "True")] });
  assert.notEqual(c, a);
  assert.equal(c.conditions[1], a.conditions[1], "the equal child is still shared");
  assert.deepEqual(c, { phase: "Running", conditions: [condition("Ready", "False"), condition("PodScheduled", "True")] }, "values unchanged");
});

test("no text fakes a separator, and types are told apart", () => {
  assert.notEqual(shareTree({ a: "x,b=s1:y" }), shareTree({ a: "x", b: "y" }));
  assert.notEqual(shareTree({ n: 1 }), shareTree({ n: "1" }));
  assert.notEqual(shareTree({ v: null }), shareTree({ v: undefined }));
  assert.notEqual(shareTree(["a", "b"]), shareTree({ 0: "a", 1: "b" }));
});

test("what is not plain JSON is left as it is (and its parent too)", () => {
  const date = new Date();
  const withDate = { at: date };
  assert.equal(shareTree(withDate), withDate);
  assert.ok(!Object.isFrozen(withDate), "not frozen: it is not shared");
  const instance = new (class Thing {
    x = 1;
  })();
  assert.equal(shareTree({ thing: instance }).thing, instance);
  assert.ok(!Object.isFrozen(instance));
});

test("any two equal random trees are shared, any two different ones are not (fast-check)", () => {
  const leaf = fc.oneof(fc.string({ maxLength: 6 }), fc.integer({ min: -3, max: 3 }), fc.boolean(), fc.constant(null));
  const tree = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: "small" },
      leaf,
      fc.array(tie("node"), { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 3 }), tie("node"), { maxKeys: 3, noNullPrototype: true }),
    ),
  })).node;
  fc.assert(
    fc.property(fc.tuple(tree, tree), ([x, y]) => {
      const equal = JSON.stringify(x) === JSON.stringify(y);
      const [sx, sy] = [shareTree(structuredClone(x)), shareTree(structuredClone(y))];
      assert.deepEqual(sx, x, "sharing keeps the values");
      if (typeof x === "object" && x !== null && typeof y === "object" && y !== null && equal) assert.equal(sx, sy);
      if (!equal) assert.notEqual(sx, sy);
    }),
    { numRuns: 300 },
  );
});

test("the table is bounded: it starts over when full, and sharing goes on from there", () => {
  const trees = Array.from({ length: 10_000 }, (_, i) => shareTree({ pod: `p-${i}`, conditions: [{ type: "Ready", status: "True" }] }));
  assert.ok(sharedTreeCount() <= 4_096, `${sharedTreeCount()} trees held`);
  assert.equal(shareTree({ pod: "p-9999", conditions: [{ type: "Ready", status: "True" }] }), trees[9_999], "a recent tree is still found");
  assert.deepEqual(trees[0], { pod: "p-0", conditions: [{ type: "Ready", status: "True" }] }, "a tree from before the table started over keeps its values");
});
