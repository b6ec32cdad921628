import assert from "node:assert/strict";
import { test } from "node:test";
import { describeUnknownVariables, substituteInStrings, substituteVariables } from "../../variables.ts";

const variables = {
  "Kdeploy.Release.Version": "1.4.0",
  "Kdeploy.Project.Name": "shop",
  "Kdeploy.Environment.Name": "Production",
  "Kdeploy.Deployment.Id": "dep_42",
};

test("replaces known tokens, case-insensitively", () => {
  const result = substituteVariables("image: shop:#{Kdeploy.Release.Version}\nenv: #{kdeploy.environment.name}", variables);
  assert.equal(result.text, "image: shop:1.4.0\nenv: Production");
  assert.deepEqual(result.unknown, []);
});

test("leaves unknown tokens as written and reports each once", () => {
  const result = substituteVariables("a: #{Nope} b: #{Nope} c: #{Other.Thing} d: #{Kdeploy.Project.Name}", variables);
  assert.equal(result.text, "a: #{Nope} b: #{Nope} c: #{Other.Thing} d: shop");
  assert.deepEqual(result.unknown, ["Nope", "Other.Thing"]);
  assert.deepEqual(describeUnknownVariables(result.unknown, "inline YAML"), [
    "Warning: unknown variables #{Nope}, #{Other.Thing} in inline YAML left as written",
  ]);
  assert.deepEqual(describeUnknownVariables([], "inline YAML"), []);
});

test("##{Name} escapes to the literal token and is not reported", () => {
  const result = substituteVariables("keep: ##{Kdeploy.Release.Version} and ##{Unknown}", variables);
  assert.equal(result.text, "keep: #{Kdeploy.Release.Version} and #{Unknown}");
  assert.deepEqual(result.unknown, []);
});

test("text without tokens, or with things that only look like them, is unchanged", () => {
  for (const text of ["plain", "# a comment", "#{ spaced }", "#{}", "{Kdeploy.Release.Version}"]) assert.equal(substituteVariables(text, variables).text, text);
});

test("values are inserted literally (no $ replacement patterns)", () => {
  assert.equal(substituteVariables("x: #{V}", { V: "$& $1 $$" }).text, "x: $& $1 $$");
});

test("substituteInStrings walks a configuration but never touches sealed values", () => {
  const config = {
    name: "app-#{Kdeploy.Project.Name}",
    data: [{ key: "k", sealedValue: "v1.abc.#{Kdeploy.Project.Name}" }],
    replicas: 2,
    labels: [{ key: "env", value: "#{Missing}" }],
  };
  const result = substituteInStrings(config, variables, ["sealedValue"]);
  assert.deepEqual(result.value, {
    name: "app-shop",
    data: [{ key: "k", sealedValue: "v1.abc.#{Kdeploy.Project.Name}" }],
    replicas: 2,
    labels: [{ key: "env", value: "#{Missing}" }],
  });
  assert.deepEqual(result.unknown, ["Missing"]);
});
