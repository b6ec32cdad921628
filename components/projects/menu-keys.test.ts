// Arrow keys, Home/End and first letters in the Add-step menu (issue 11: the menu ignored them).
import assert from "node:assert/strict";
import { test } from "node:test";
import { nextMenuIndex } from "./menu-keys.ts";

const labels = ["Deploy Kubernetes YAML", "Helm chart", "Kustomize", "Configure resources", "ConfigMap"];

test("arrows move one item and wrap at both ends", () => {
  assert.equal(nextMenuIndex("ArrowDown", 0, labels), 1);
  assert.equal(nextMenuIndex("ArrowDown", 4, labels), 0);
  assert.equal(nextMenuIndex("ArrowUp", 0, labels), 4);
  assert.equal(nextMenuIndex("ArrowUp", 3, labels), 2);
});

test("with no item focused, ArrowDown goes to the first and ArrowUp to the last", () => {
  assert.equal(nextMenuIndex("ArrowDown", -1, labels), 0);
  assert.equal(nextMenuIndex("ArrowUp", -1, labels), 4);
});

test("Home and End jump to the first and last item", () => {
  assert.equal(nextMenuIndex("Home", 3, labels), 0);
  assert.equal(nextMenuIndex("End", 1, labels), 4);
});

test("a letter moves to the next item starting with it, cycling", () => {
  assert.equal(nextMenuIndex("c", 0, labels), 3);
  assert.equal(nextMenuIndex("C", 3, labels), 4);
  assert.equal(nextMenuIndex("c", 4, labels), 3);
  assert.equal(nextMenuIndex("z", 0, labels), null);
});

test("other keys do not move the focus", () => {
  for (const key of ["Enter", " ", "Shift", "ArrowLeft"]) assert.equal(nextMenuIndex(key, 2, labels), null, key);
});
