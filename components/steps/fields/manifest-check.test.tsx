// Pasting an alias bomb into the step editor crashed the page and lost the form (issue 10): the
// editor's own YAML check must turn anything pasted into messages under the field, never a throw.
import assert from "node:assert/strict";
import { test } from "node:test";
import { renderToStaticMarkup } from "react-dom/server";
import { checkManifestSafely } from "./manifest-check.ts";
import { ManifestSummary } from "./manifest-summary.tsx";

const ALIAS_BOMB = [
  "apiVersion: v1",
  "kind: ConfigMap",
  "metadata: {name: lol}",
  "data:",
  '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...["a", "b", "c", "d", "e", "f", "g", "h"].map(
    (previous, index) => `  ${"bcdefghi"[index]}: &${"bcdefghi"[index]} [${Array(9).fill(`*${previous}`).join(",")}]`,
  ),
].join("\n");

test("an alias bomb is a message, quickly", () => {
  const started = performance.now();
  const result = checkManifestSafely(ALIAS_BOMB)!;
  assert.ok(performance.now() - started < 1_000);
  assert.deepEqual(result.objects, []);
  assert.match(result.problems[0]!.message, /Excessive alias count/);
});

test("a cycle, deep nesting and an oversized text are messages", () => {
  assert.match(checkManifestSafely("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: &d {self: *d}\n")!.problems[0]!.message, /cycle/);
  assert.equal(checkManifestSafely("[".repeat(20_000))!.problems.length, 1);
  assert.match(checkManifestSafely(`a: ${"x".repeat(1024 * 1024 + 1)}`)!.problems[0]!.message, /larger than 1 MiB/);
});

test("whatever the parser throws becomes a message", () => {
  const result = checkManifestSafely("kind: x", () => {
    throw new RangeError("Maximum call stack size exceeded");
  })!;
  assert.match(result.problems[0]!.message, /could not be checked here \(Maximum call stack size exceeded\)/);
});

test("valid YAML is summarized and empty text gives nothing", () => {
  const result = checkManifestSafely("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n")!;
  assert.deepEqual(result.problems, []);
  assert.deepEqual(
    result.objects.map((object) => `${object.kind} ${object.name}`),
    ["ConfigMap settings"],
  );
  assert.equal(checkManifestSafely("  \n"), undefined);
});

test("the summary under the editor renders the bomb's message instead of crashing", () => {
  const html = renderToStaticMarkup(<ManifestSummary text={ALIAS_BOMB} />);
  assert.match(html, /document 1: YAML error: Excessive alias count/);
});
