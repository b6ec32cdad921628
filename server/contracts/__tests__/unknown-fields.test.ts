// Fields a schema does not know are found wherever they are (top level, nested, in array items,
// in the matched branch of a union) and only there: defaults the schema adds, records and arrays
// the schema shortens are not reported.
import { test } from "node:test";
import assert from "node:assert/strict";
import { z } from "zod";
import { unknownFieldPaths, withoutUnknownFields } from "../unknown-fields.ts";
import { stepInput } from "../steps/index.ts";
import { validStep } from "./step-builders.ts";

const schema = z.object({
  name: z.string(),
  replicas: z.number().default(1),
  labels: z.record(z.string(), z.string()),
  ports: z.array(z.object({ port: z.number() })),
  rows: z.array(z.string()).transform((rows) => rows.filter(Boolean)),
  target: z.discriminatedUnion("kind", [z.object({ kind: z.literal("a"), a: z.string() }), z.object({ kind: z.literal("b"), b: z.string() })]),
});

const paths = (input: unknown) => unknownFieldPaths(input, schema.parse(input));

test("known fields, defaults, records and a shortened array are not unknown", () => {
  assert.deepEqual(paths({ name: "x", labels: { any: "thing" }, ports: [{ port: 1 }], rows: ["", "a"], target: { kind: "a", a: "1" } }), []);
});

test("unknown fields are named by their path, at every depth", () => {
  assert.deepEqual(
    paths({ name: "x", colour: "blue", labels: {}, ports: [{ port: 1 }, { port: 2, protocol: "TCP" }], rows: [], target: { kind: "a", a: "1", b: "2" } }),
    ["colour", "ports.1.protocol", "target.b"],
  );
});

test("withoutUnknownFields leaves the known fields as typed (numbers as text stay text) and drops the rest", () => {
  const valid = validStep("configmap");
  const input = { ...valid, config: { ...valid.config, shownOnly: true }, verification: { timeoutSeconds: "180" } };
  assert.ok(stepInput.safeParse(input).success);
  const body = withoutUnknownFields(stepInput, input);
  assert.equal("shownOnly" in body.config, false);
  assert.equal(body.verification.timeoutSeconds, "180");
  assert.deepEqual(unknownFieldPaths(body, stepInput.parse(body)), []);
});

test("a body that does not parse is returned as it is (the server names its errors)", () => {
  const input = { type: "configmap", name: 7, extra: 1 };
  assert.equal(withoutUnknownFields(stepInput, input), input);
});
