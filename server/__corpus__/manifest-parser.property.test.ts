// Property-based tests of the manifest parsers (issue 10, point 5): the check at save
// (server/contracts/manifests.ts) and the renderer's reader (server/deploy/render/manifest-yaml.ts)
// take any text, YAML-ish or not, and answer with problems or RenderError, never with any other
// throw (a TypeError, a stack overflow, an alias-count ReferenceError), and in bounded time.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { stringify } from "yaml";
import { checkManifestYaml, checkYamlText } from "../contracts/manifests.ts";
import { checkKustomizeFile } from "../contracts/steps/kustomize.ts";
import { parseManifestYaml } from "../deploy/render/manifest-yaml.ts";
import { RenderError } from "../deploy/render/render-error.ts";

// Generous, so a loaded machine does not fail it; an exponential blow-up takes far longer.
const MAX_MS_PER_CALL = 5_000;
const RUNS = Number(process.env.KDEPLOY_PROPERTY_RUNS ?? 300);

/** Pieces that YAML parsers trip on, joined at random: anchors, aliases, merges, flow, tabs... */
const fragment = fc.constantFrom(
  "apiVersion: v1",
  "apiVersion: apps/v1",
  "kind: ConfigMap",
  "kind: List",
  "kind: Secret",
  "metadata:",
  "metadata: {name: x}",
  "  name: web",
  "  namespace: shop",
  "  name: &n web",
  "name: *n",
  "items:",
  "- kind: Pod",
  "  - apiVersion: v1",
  "data: &d",
  "  self: *d",
  "<<: *d",
  "<<: [*d, *n]",
  "a: &a [x, x, x, x]",
  "b: &b [*a, *a, *a, *a]",
  "c: [*b, *b, *b, *b]",
  "---",
  "...",
  "%YAML 1.1",
  "%TAG ! tag:example.com,2000:",
  "!!binary aGVsbG8=",
  "!custom {a: 1}",
  "? complex key",
  ": value",
  "[",
  "]",
  "{",
  "}",
  "{a: [b, {c: d}]}",
  "\t- tab",
  '"unterminated',
  "'quoted'",
  "|",
  ">-",
  "  folded text",
  "# comment",
  "0644",
  "yes",
  "12:30",
  "2001-12-14t21:59:43.10-05:00",
  "~",
  "null",
  "\u0000",
  "\ufeff",
  "\ud800",
  "\r\n",
);
const yamlish = fc
  .array(fc.tuple(fc.nat({ max: 6 }), fragment), { maxLength: 40 })
  .map((lines) => lines.map(([indent, text]) => " ".repeat(indent) + text).join("\n"));

/** Objects that are valid on their face, in random shapes (plain, List items, several docs). */
const name = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,20}[a-z0-9])?$/);
const kubeObject = fc.record({
  apiVersion: fc.constantFrom("v1", "apps/v1", "example.com/v1alpha1"),
  kind: fc.constantFrom("ConfigMap", "Deployment", "Widget", "Service"),
  metadata: fc.record({ name, namespace: fc.option(name, { nil: undefined }) }, { requiredKeys: ["name"] }),
  // ConfigMap keys as Kubernetes allows them (an arbitrary key such as "<<" is YAML 1.1's merge key).
  data: fc.option(fc.dictionary(fc.stringMatching(/^[-._a-zA-Z0-9]{1,8}$/), fc.string({ maxLength: 20 }), { maxKeys: 4 }), { nil: undefined }),
});

const timed = <T>(run: () => T): T => {
  const started = performance.now();
  try {
    return run();
  } finally {
    const elapsed = performance.now() - started;
    assert.ok(elapsed < MAX_MS_PER_CALL, `took ${elapsed.toFixed(0)} ms`);
  }
};

/** The renderer may refuse the text, but only with its own error type. */
const renderOrRefuse = (text: string) => {
  try {
    return timed(() => parseManifestYaml(text, "inline YAML"));
  } catch (error) {
    if (error instanceof RenderError) return undefined;
    throw error;
  }
};

const neverThrows = (text: string) => {
  const checked = timed(() => checkManifestYaml(text));
  assert.ok(checked.problems.length > 0 || checked.objects.length > 0, "an empty answer");
  for (const problem of checked.problems) assert.ok(Number.isInteger(problem.document) && problem.document >= 1 && typeof problem.message === "string");
  const rendered = renderOrRefuse(text);
  // What passes the check at save renders (the renderer reads YAML 1.1, so it may read more).
  if (checked.problems.length === 0) assert.ok(rendered, "passed the check at save but the renderer refused it");
  timed(() => checkYamlText(text));
  timed(() => checkKustomizeFile("kustomization.yaml", text));
};

test("arbitrary strings: problems or RenderError, never another throw", () => {
  fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 300 }), neverThrows), { numRuns: RUNS });
});

test("YAML-ish documents (anchors, aliases, merges, flow, tags, tabs): never another throw", () => {
  fc.assert(fc.property(yamlish, neverThrows), { numRuns: RUNS * 3 });
});

test("alias bombs of any width and depth are refused quickly", () => {
  fc.assert(
    fc.property(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 3, max: 12 }), (width, depth) => {
      const lines = ["apiVersion: v1", "kind: ConfigMap", "metadata: {name: bomb}", "data:", `  l0: &l0 [${Array(width).fill('"lol"').join(",")}]`];
      for (let level = 1; level < depth; level++)
        lines.push(
          `  l${level}: &l${level} [${Array(width)
            .fill(`*l${level - 1}`)
            .join(",")}]`,
        );
      const text = lines.join("\n");
      const expanded = width ** depth;
      const checked = timed(() => checkManifestYaml(text));
      const rendered = renderOrRefuse(text);
      if (expanded > 100_000) {
        assert.ok(checked.problems.length > 0, `${width}^${depth} was not refused at save`);
        assert.equal(rendered, undefined, `${width}^${depth} was rendered`);
      }
    }),
    { numRuns: RUNS },
  );
});

test("valid objects round-trip: each one is found, in order, by both readers", () => {
  fc.assert(
    fc.property(fc.array(kubeObject, { minLength: 1, maxLength: 6 }), fc.boolean(), (objects, asList) => {
      const text = asList
        ? stringify({ apiVersion: "v1", kind: "List", items: objects }, { version: "1.1" })
        : objects.map((object) => stringify(object, { version: "1.1" })).join("---\n");
      const checked = timed(() => checkManifestYaml(text));
      assert.deepEqual(checked.problems, []);
      assert.deepEqual(
        checked.objects.map((object) => `${object.kind}/${object.namespace ?? ""}/${object.name}`),
        objects.map((object) => `${object.kind}/${object.metadata.namespace ?? ""}/${object.metadata.name}`),
      );
      const rendered = renderOrRefuse(text);
      assert.equal(rendered?.length, objects.length);
    }),
    { numRuns: RUNS },
  );
});
