import { test } from "node:test";
import assert from "node:assert/strict";
import { csvCell, csvLine } from "../csv.ts";
import { parseCsv } from "./parse-csv.ts";

test("cells that start a spreadsheet formula get a leading quote", () => {
  for (const start of ["=", "+", "-", "@", "\t"]) assert.equal(csvCell(`${start}1+1`), `'${start}1+1`);
  assert.equal(csvCell("a=b"), "a=b");
  assert.equal(csvCell(null), "");
});

test("RFC 4180 quoting round-trips through a CSV reader", () => {
  const cells = ["plain", "with,comma", 'with "quotes"', "two\r\nlines", "<script>alert(1)</script>", ""];
  const line = csvLine(cells);
  assert.match(line, /\r\n$/);
  assert.deepEqual(parseCsv(line), [cells]);
});
