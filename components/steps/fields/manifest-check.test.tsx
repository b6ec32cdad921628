// Pasting an alias bomb into the step editor crashed the page and lost the form (issue 10): the
// editor's own YAML check must turn anything pasted into messages under the field, never a throw.
import assert from "node:assert/strict";
import { test } from "node:test";
import { renderToStaticMarkup } from "react-dom/server";
import { checkManifestSafely } from "./manifest-check.ts";
import { ManifestSummary } from "./manifest-summary.tsx";
import { FieldErrorsProvider } from "../field-errors.tsx";

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
  assert.match(html, /Document 1: YAML error: Excessive alias count/);
});

// Issue 11: a YAML error was shown twice (the field's error from the save and this summary) and
// ended on the yaml package's dangling "at line 1, column 13:".
const UNCLOSED = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n";

test("a syntax error is one clean sentence with its line and column", () => {
  const [problem] = checkManifestSafely(UNCLOSED)!.problems;
  assert.match(problem!.message, /^YAML error at line \d+, column \d+: Flow sequence in block collection must be sufficiently indented and end with a \]$/);
});

test("the summary does not repeat a problem the field already shows", () => {
  const alone = renderToStaticMarkup(<ManifestSummary text={UNCLOSED} path="config.yaml" />);
  const message = /(Document 1: YAML error[^<]*)<\/p>/.exec(alone)?.[1];
  assert.ok(message, alone);
  const withSavedError = renderToStaticMarkup(
    <FieldErrorsProvider errors={{ "config.yaml": [message.replaceAll("&quot;", '"')] }}>
      <ManifestSummary text={UNCLOSED} path="config.yaml" />
    </FieldErrorsProvider>,
  );
  assert.equal(withSavedError, "");
});
