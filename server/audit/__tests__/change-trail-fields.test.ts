// changedFields names what differs between two stored states, two levels deep, and never
// returns a value: the names are all that reaches the change trail.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { changedFields, fieldList } from "../change-events/changed-fields.ts";

describe("changedFields", () => {
  test("nothing changed: no names", () => {
    const state = { name: "web", config: { image: "nginx", ports: [{ port: 80 }] } };
    assert.deepEqual(changedFields(state, structuredClone(state)), []);
    assert.equal(fieldList([]), "no field changed");
  });

  test("top-level and nested fields by dotted name, sorted; a list is one field", () => {
    const before = { name: "web", enabled: true, config: { image: "nginx:1.26", ports: [{ port: 80 }], replicas: 2 } };
    const after = { name: "web-2", enabled: true, config: { image: "nginx:1.27", ports: [{ port: 8080 }], replicas: 2 } };
    assert.deepEqual(changedFields(before, after), ["config.image", "config.ports", "name"]);
  });

  test("deeper differences are named by their ancestor at the depth limit, so user-chosen keys stay out", () => {
    const before = { config: { values: { database: { password: "old" } } } };
    const after = { config: { values: { database: { password: "new" } } } };
    assert.deepEqual(changedFields(before, after), ["config.values"]);
    assert.deepEqual(changedFields(before, after, 1), ["config"]);
  });

  test("added and removed fields are named; values never appear", () => {
    const secret = "hunter2-do-not-record";
    const names = changedFields({ token: secret, kept: 1 }, { kept: 1, certificate: secret });
    assert.deepEqual(names, ["certificate", "token"]);
    assert.ok(!JSON.stringify(names).includes(secret));
  });
});
