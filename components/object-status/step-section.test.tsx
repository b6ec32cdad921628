// Server-renders a step section (live and as the snapshot page builds it) to check that it
// explains itself: counts per status in the header, the failure summary inline with every object
// linked to its row, and the same block for a frozen snapshot.
import assert from "node:assert/strict";
import { test } from "node:test";
import { renderToStaticMarkup } from "react-dom/server";
import type { ObjectRowView } from "../../server/contracts/object-status.ts";
import type { SnapshotDetail } from "../../server/contracts/audit.ts";
import { parseFailureSummary } from "../audit/failure-summary-view.tsx";
import type { LiveStepTable } from "./row-reducer.ts";
import { snapshotStep } from "./snapshot-object-status.tsx";
import { StepSection, statusCountsText } from "./step-section.tsx";

const row = (key: string, fields: Partial<ObjectRowView>): ObjectRowView => ({
  key,
  uid: key,
  parentKey: null,
  apiVersion: "v1",
  kind: "Pod",
  namespace: "shop",
  name: key,
  status: "Success",
  message: "",
  summary: "",
  lastChangeAt: "2030-01-01T00:00:00.000Z",
  ...fields,
});

const rows = [
  row("deploy", { kind: "Deployment", name: "payments", status: "TimedOut", message: "Timed out while in progress" }),
  row("rs", { kind: "ReplicaSet", name: "payments-7d9", parentKey: "deploy", status: "InProgress" }),
  row("pod", { name: "payments-7d9-x2k", parentKey: "rs", status: "Error", message: "CrashLoopBackOff: back-off restarting" }),
  row("svc", { kind: "Service", name: "payments" }),
  row("cm", { kind: "ConfigMap", name: "settings" }),
];

// As run-step.ts stores it (server/domain/outcome/failureSummary.ts).
const failureSummary = {
  reason: "timeout",
  text: "The step timed out.\nWaiting for 1 object:\n- Deployment shop/payments: …",
  blocking: [
    {
      row: {
        key: "deploy",
        parentKey: null,
        kind: "Deployment",
        namespace: "shop",
        name: "payments",
        status: "TimedOut",
        message: "Timed out while in progress",
      },
      reasonChain: [
        {
          key: "pod",
          parentKey: "rs",
          kind: "Pod",
          namespace: "shop",
          name: "payments-7d9-x2k",
          status: "Error",
          message: "CrashLoopBackOff: back-off restarting",
          events: [{ type: "Warning", reason: "BackOff", message: "Back-off restarting failed container app", count: 4, lastSeen: "2030-01-01T00:00:09Z" }],
        },
        { key: "rs", parentKey: "deploy", kind: "ReplicaSet", namespace: "shop", name: "payments-7d9", status: "InProgress", message: "", events: [] },
        {
          key: "deploy",
          parentKey: null,
          kind: "Deployment",
          namespace: "shop",
          name: "payments",
          status: "TimedOut",
          message: "Timed out while in progress",
          events: [],
        },
      ],
    },
  ],
};

const step: LiveStepTable = {
  stepRunId: "run-1",
  position: 0,
  name: "Deploy app",
  status: "TimedOut",
  outcomeMessage: "Timed out while objects were still in progress",
  verificationEnabled: true,
  phase: { name: "finished" },
  frozenAt: "2030-01-01T00:00:10.000Z",
  seq: 4,
  rows: new Map(rows.map((r) => [r.key, r])),
  failureSummary,
};

const render = (section: LiveStepTable) =>
  renderToStaticMarkup(
    <StepSection step={section} number={1} selectedKey={null} onOpen={() => undefined} hrefOf={(stepRunId, key) => `?step=${stepRunId}&object=${key}`} />,
  );

test("the header counts the rows per status, the good news first", () => {
  assert.equal(statusCountsText(step.rows), "2 Success · 1 In progress · 1 Error · 1 Timed out while in progress");
  assert.ok(render(step).includes(">2 Success · 1 In progress · 1 Error · 1 Timed out while in progress<"));
});

test("large counts carry a thousands separator", () => {
  const many = new Map(Array.from({ length: 10_020 }, (_, i) => [`k${i}`, { ...[...step.rows.values()][0]!, key: `k${i}`, status: "Success" as const }]));
  assert.equal(statusCountsText(many), "10,020 Success");
});

test("a failed step shows its failure summary inline: blocking object, reason chain, last events, each linked to its row", () => {
  const html = render(step);
  const summary = /<section aria-label="Failure summary".*?<\/section>/s.exec(html)?.[0] ?? "";
  assert.ok(summary.includes("The step timed out."), summary);
  assert.ok(summary.includes("Waiting for 1 object:"));
  const links = [...summary.matchAll(/data-object-link="([^"]+)"/g)].map((match) => match[1]);
  assert.deepEqual(links, ["deploy", "pod", "rs", "deploy"], "the blocking object, then the chain from the pod up");
  assert.ok(summary.includes('href="?step=run-1&amp;object=pod"'));
  assert.ok(summary.includes("Back-off restarting failed container app"));
  assert.ok(summary.includes("2030-01-01 00:00:09 UTC"));
  // Every linked key is a row of the table below.
  for (const key of links) assert.ok(html.includes(`data-row-key="${key}"`), key);
  // Frozen: absolute times.
  assert.ok(html.includes(">2030-01-01 00:00:00 UTC</time>"));
});

test("a step that succeeded has no failure summary; a running one shows relative times", () => {
  const html = render({ ...step, status: "Running", frozenAt: null, failureSummary: null, phase: { name: "tracking", deadlineAt: null } });
  assert.ok(!html.includes("Failure summary"));
  assert.ok(html.includes('title="2030-01-01 00:00:00 UTC"'));
});

test("a snapshot page's step is the same section: same rows, same summary", () => {
  const snapshot: SnapshotDetail = {
    stepRunId: "run-1",
    deploymentId: "d",
    projectId: "p",
    projectName: "Shop",
    environmentId: "e",
    environmentName: "prod",
    releaseVersion: "1.0.0",
    stepName: "Deploy app",
    stepPosition: 0,
    outcome: "TimedOut",
    outcomeMessage: step.outcomeMessage,
    frozenAt: step.frozenAt!,
    failureSummary,
    counts: { Success: 2, InProgress: 1, Error: 1, TimedOut: 1, total: 5 },
    objects: rows.map(({ key, ...rest }) => ({ ...rest, objectKey: key, topLevel: rest.parentKey === null, timeline: [] })),
  };
  assert.equal(render(snapshotStep(snapshot)), render(step));
});

test("summaries of another shape fall back to their text", () => {
  assert.equal(parseFailureSummary({ text: "old" }), null);
  assert.equal(parseFailureSummary({ blocking: [{ name: "worker" }] }), null);
  assert.equal(parseFailureSummary(failureSummary)?.blocking[0]?.reasonChain.length, 3);
});
