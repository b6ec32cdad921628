// Placeholders read as examples, never as values (issue 11: "web" or "8080" in a field looked
// filled in). Every placeholder written in the forms says what it is: an example ("e.g. …", or
// "# e.g." above example YAML) or what an empty field means ("default: …", "… if empty"); the
// shared input style shows them lighter and in italics.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { inputClass } from "./field.tsx";

const FORM_FOLDERS = ["components/steps", "components/environments", "components/projects"];
const PLACEHOLDER = /(?:placeholder|keyPlaceholder|valuePlaceholder)(?:=\{?|: )(["`])((?:(?!\1)[^\\]|\\.)*)\1/g;
const READS_AS_EXAMPLE = /^(e\.g\. |# e\.g\.\\n|e\.g\.\\n|default: )|if empty$/;

function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

test("every placeholder in the forms reads as an example or says what empty means", () => {
  const found: string[] = [];
  const offending: string[] = [];
  for (const file of FORM_FOLDERS.flatMap(sources)) {
    for (const match of readFileSync(file, "utf8").matchAll(PLACEHOLDER)) {
      const text = match[2]!;
      if (text === "" || text.startsWith("${")) continue; // computed below, or none
      found.push(text);
      if (!READS_AS_EXAMPLE.test(text)) offending.push(`${file}: ${JSON.stringify(text)}`);
    }
  }
  assert.ok(found.length > 30, `the scan finds the placeholders (${found.length})`);
  assert.deepEqual(offending, []);
});

test("placeholders are lighter than values and in italics", () => {
  assert.match(inputClass, /placeholder:text-slate-400/);
  assert.match(inputClass, /placeholder:italic/);
});
