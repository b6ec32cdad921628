// Issue 11: typing "abc" into a number field silently cleared it (an <input type="number"> holds ""
// for text it cannot parse). A number field is a text input with a numeric keyboard: the text is
// kept and the field says at once that it must be a whole number.
import assert from "node:assert/strict";
import { test } from "node:test";
import { renderToStaticMarkup } from "react-dom/server";
import { FieldErrorsProvider } from "../field-errors.tsx";
import { RowInput } from "./row-input.tsx";
import { TextField } from "./text-field.tsx";
import { wholeNumberProblem } from "./whole-number.ts";

test("whole numbers (and an empty field) are fine; anything else is named", () => {
  for (const ok of ["", "0", "3", " 12 ", 7]) assert.equal(wholeNumberProblem("Replicas", ok), undefined, String(ok));
  assert.equal(wholeNumberProblem("Replicas", "abc"), "Replicas must be a whole number");
  assert.equal(wholeNumberProblem("Replicas", "1.5"), "Replicas must be a whole number");
  assert.equal(wholeNumberProblem("Replicas", "-1"), "Replicas must be a whole number");
  assert.equal(wholeNumberProblem("Step timeout (seconds)", "10s"), "Step timeout must be a whole number of seconds");
});

const inputOf = (html: string) => /<input[^>]*>/.exec(html)?.[0] ?? "";

test("a number TextField keeps the typed text and shows the problem as its error", () => {
  const html = renderToStaticMarkup(<TextField label="Replicas" path="config.deployment.replicas" type="number" value="abc" onChange={() => undefined} />);
  const input = inputOf(html);
  assert.match(input, /type="text"/, "not type=number, which would drop the text");
  assert.match(input, /inputMode="numeric"/);
  assert.match(input, /value="abc"/);
  assert.match(input, /aria-invalid="true"/);
  const describedBy = /aria-describedby="([^"]+)"/.exec(input)![1]!;
  assert.match(html, new RegExp(`<p id="${describedBy}" role="alert"[^>]*>Replicas must be a whole number</p>`));
});

test("the typed problem replaces the save's older error for the field; a valid number shows the save's", () => {
  const errors = { "config.deployment.replicas": ["At most 1000 replicas"] };
  const render = (value: string) =>
    renderToStaticMarkup(
      <FieldErrorsProvider errors={errors}>
        <TextField label="Replicas" path="config.deployment.replicas" type="number" value={value} onChange={() => undefined} />
      </FieldErrorsProvider>,
    );
  assert.match(render("abc"), />Replicas must be a whole number</);
  assert.doesNotMatch(render("abc"), /At most 1000/);
  assert.match(render("5000"), />At most 1000 replicas</);
});

test("a number RowInput behaves the same", () => {
  const html = renderToStaticMarkup(<RowInput label="Service port 1 port" path="config.ports.0.port" type="number" value="http" onChange={() => undefined} />);
  assert.match(inputOf(html), /type="text"[^>]*inputMode="numeric"|inputMode="numeric"[^>]*type="text"/);
  assert.match(inputOf(html), /value="http"/);
  assert.match(html, /role="alert"[^>]*>Service port 1 port must be a whole number</);
});
