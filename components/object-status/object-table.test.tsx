// Server-renders the object table (no browser needed) to check what it shows: the tree order,
// every parent expanded, distinct status icons, and HTML in names and messages kept as text.
import assert from "node:assert/strict";
import { test } from "node:test";
import { renderToStaticMarkup } from "react-dom/server";
import type { ObjectRowView } from "../../server/contracts/object-status.ts";
import { COLLAPSE_ABOVE, ObjectTable, VIRTUALIZE_ABOVE } from "./object-table.tsx";

const row = (key: string, fields: Partial<ObjectRowView>): ObjectRowView => ({
  key,
  uid: key,
  parentKey: null,
  apiVersion: "v1",
  kind: "Pod",
  namespace: "shop",
  name: key,
  status: "InProgress",
  message: "",
  summary: "",
  lastChangeAt: "2030-01-01T00:00:00.000Z",
  ...fields,
});

const payload = "<img src=x onerror=alert(1)><script>window.__xss=1</script>";
const rows = new Map(
  [
    row("deploy", { kind: "Deployment", name: "web", status: "InProgress", summary: "ready 1/2" }),
    row("rs", { kind: "ReplicaSet", name: "web-7d9", parentKey: "deploy", status: "Success" }),
    row("pod-a", { name: "web-7d9-a", parentKey: "rs", status: "Error", message: payload }),
    row("pod-b", { name: "web-7d9-b", parentKey: "rs", status: "TimedOut" }),
  ].map((r) => [r.key, r]),
);

const html = renderToStaticMarkup(<ObjectTable stepName="Deploy app" rows={rows} selectedKey={null} onOpen={() => undefined} />);

test("rows render as a tree, parents first and expanded", () => {
  const keys = [...html.matchAll(/data-row-key="([^"]+)"/g)].map((match) => match[1]);
  assert.deepEqual(keys, ["deploy", "rs", "pod-a", "pod-b"]);
  assert.equal((html.match(/aria-expanded="true"/g) ?? []).length, 2);
});

test("HTML in a message is escaped text, never markup", () => {
  assert.ok(html.includes("&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;window.__xss=1&lt;/script&gt;"));
  assert.ok(!html.includes("<script"));
  assert.ok(!html.includes("<img"));
});

test("each status has its own icon and label", () => {
  for (const label of ["In progress", "Success", "Error", "Timed out while in progress"]) assert.ok(html.includes(`</svg>${label}</span>`), label);
  const icons = [...html.matchAll(/data-icon="([^"]+)"/g)].map((match) => match[1]);
  assert.deepEqual(new Set(icons), new Set(["InProgress", "Success", "Error", "TimedOut"]));
});

test("every table shares one fixed column layout (table-layout fixed, the same <colgroup>)", () => {
  const other = renderToStaticMarkup(
    <ObjectTable stepName="Other" rows={new Map([[`x`, row("x", { name: "x" })]])} selectedKey={null} onOpen={() => undefined} />,
  );
  const colgroup = (markup: string) => /<colgroup>.*?<\/colgroup>/.exec(markup)?.[0];
  assert.ok(html.includes("table-fixed"));
  assert.ok(colgroup(html), "a colgroup");
  assert.equal(colgroup(html), colgroup(other));
  assert.equal((colgroup(html)!.match(/<col\b(?!group)/g) ?? []).length, 7);
});

test("long names may wrap after - . and /, and nowhere else first", () => {
  const named = renderToStaticMarkup(
    <ObjectTable stepName="Names" rows={new Map([["n", row("n", { name: "payments-api.v2/web" })]])} selectedKey={null} onOpen={() => undefined} />,
  );
  assert.ok(named.includes("payments-<wbr/>api.<wbr/>v2/<wbr/>web"), named);
});

test("a live table shows relative times with the absolute one on hover; a frozen table shows absolute times", () => {
  const live = renderToStaticMarkup(<ObjectTable stepName="Live" rows={rows} selectedKey={null} onOpen={() => undefined} timeMode="relative" />);
  assert.ok(live.includes('title="2030-01-01 00:00:00 UTC"'), "absolute time on hover");
  const frozen = renderToStaticMarkup(<ObjectTable stepName="Frozen" rows={rows} selectedKey={null} onOpen={() => undefined} timeMode="absolute" />);
  assert.ok(frozen.includes(">2030-01-01 00:00:00 UTC</time>"));
  assert.ok(!/ago</.test(frozen));
});

const manyPods = (parentKey: string, count: number, status: (i: number) => ObjectRowView["status"] = () => "Success") =>
  Array.from({ length: count }, (_, i) => row(`${parentKey}-pod-${i}`, { name: `${parentKey}-pod-${i}`, parentKey, status: status(i) }));
const asMap = (list: ObjectRowView[]) => new Map(list.map((r) => [r.key, r]));
const renderedKeys = (markup: string) => [...markup.matchAll(/data-row-key="([^"]+)"/g)].map((match) => match[1]);

test(`a parent with more than ${COLLAPSE_ABOVE} children starts collapsed, showing how many objects it holds and their worst status`, () => {
  const big = asMap([
    row("big", { kind: "ReplicaSet", name: "big", status: "InProgress" }),
    ...manyPods("big", COLLAPSE_ABOVE + 1, (i) => (i === 7 ? "Error" : "Success")),
    row("small", { kind: "ReplicaSet", name: "small" }),
    ...manyPods("small", COLLAPSE_ABOVE),
  ]);
  const markup = renderToStaticMarkup(<ObjectTable stepName="Big" rows={big} selectedKey={null} onOpen={() => undefined} />);
  const keys = renderedKeys(markup);
  assert.ok(keys.includes("big") && !keys.includes("big-pod-0"), "the large parent's children are hidden");
  assert.ok(keys.includes("small-pod-0"), "a parent at the limit stays expanded");
  assert.ok(markup.includes('aria-label="Expand ReplicaSet big"'));
  const summary = /data-collapsed-summary="">(.*?)<\/span><\/span>/.exec(markup)?.[1] ?? "";
  assert.ok(summary.includes(`${COLLAPSE_ABOVE + 1} objects inside, worst:`), summary);
  assert.ok(summary.includes('data-status="Error"'), summary);
  assert.equal((markup.match(/data-collapsed-summary/g) ?? []).length, 1, "only the collapsed parent has a summary");
});

test(`up to ${VIRTUALIZE_ABOVE} visible rows every row is in the markup; above it only the first screen, with spacer rows and row indexes`, () => {
  const small = asMap(Array.from({ length: VIRTUALIZE_ABOVE }, (_, i) => row(`p${i}`, {})));
  const smallMarkup = renderToStaticMarkup(<ObjectTable stepName="Small" rows={small} selectedKey={null} onOpen={() => undefined} />);
  assert.equal(renderedKeys(smallMarkup).length, VIRTUALIZE_ABOVE);
  assert.ok(!smallMarkup.includes("data-spacer"));
  assert.ok(!smallMarkup.includes("max-h-"), "a table that is not virtualized has no scroll box of its own: no row hides below its edge");

  // 10,000 rows: 1,250 Deployments with 7 pods each (under the collapse limit, so all visible).
  const large = asMap(Array.from({ length: 1_250 }, (_, d) => [row(`d${d}`, { kind: "Deployment", name: `app-${d}` }), ...manyPods(`d${d}`, 7)]).flat());
  assert.equal(large.size, 10_000);
  const markup = renderToStaticMarkup(<ObjectTable stepName="Large" rows={large} selectedKey={null} onOpen={() => undefined} />);
  const keys = renderedKeys(markup);
  assert.ok(keys.length > 10 && keys.length < 60, `${keys.length} rows drawn`);
  assert.deepEqual(keys.slice(0, 3), ["d0", "d0-pod-0", "d0-pod-1"]);
  assert.ok(markup.includes("max-h-[36rem]"), "the virtualized table scrolls in its own box");
  assert.ok(markup.includes('aria-rowcount="10001"'));
  assert.ok(markup.includes('aria-rowindex="2"'));
  assert.ok(
    /<tr aria-hidden="true" data-spacer=""><td colSpan="7" style="height:\d+px;padding:0"><\/td><\/tr><\/tbody>/i.test(markup),
    "a spacer stands in for the rows below",
  );
});
