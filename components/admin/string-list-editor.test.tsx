// Server-renders the Settings list editor: every entry has its own label and Remove button, and
// an entry's error is announced and tied to its input (aria-invalid, aria-describedby).
import assert from "node:assert/strict";
import { test } from "node:test";
import { renderToStaticMarkup } from "react-dom/server";
import { StringListEditor } from "./string-list-editor.tsx";

const render = (values: string[], errors: Record<number, string[]> = {}) =>
  renderToStaticMarkup(
    <StringListEditor
      legend="Server path roots"
      hint="Where steps may read."
      itemLabel="Directory"
      addLabel="Add directory"
      placeholder="/srv"
      values={values}
      onChange={() => undefined}
      errors={errors}
    />,
  );

test("each entry is a labelled input with its own Remove button; Add comes last", () => {
  const html = render(["/srv/charts", "/opt/kustomize"]);
  const labels = [...html.matchAll(/<label for="([^"]+)"[^>]*>([^<]+)<\/label>/g)].map((match) => [match[1], match[2]]);
  assert.deepEqual(
    labels.map(([, text]) => text),
    ["Directory 1", "Directory 2"],
  );
  for (const [id] of labels) assert.match(html, new RegExp(`<input id="${id}"`));
  assert.match(html, /aria-label="Remove directory 1"/);
  assert.match(html, /aria-label="Remove directory 2"/);
  assert.ok(html.lastIndexOf("Add directory") > html.lastIndexOf("Remove"), "Add after the entries");
  assert.match(html, /<fieldset[^>]*aria-describedby="[^"]+-hint"/);
});

test("an entry's error is announced and described by its input", () => {
  const html = render(["charts", "/srv"], { 0: ["Use an absolute path (starting with /)"] });
  const input = /<input id="([^"]+)"[^>]*aria-invalid="true"[^>]*aria-describedby="([^"]+)"/.exec(html);
  assert.ok(input, html);
  assert.equal(input[2], `${input[1]}-error`);
  assert.match(html, new RegExp(`<p id="${input[2]}" role="alert"[^>]*>Use an absolute path \\(starting with /\\)</p>`));
  assert.equal((html.match(/aria-invalid="true"/g) ?? []).length, 1, "only the faulty entry is marked");
});

test("an empty list says so", () => {
  assert.match(render([]), /None\./);
});
