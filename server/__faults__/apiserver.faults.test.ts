// Faults of the sandbox's real kube-apiserver and etcd during a step (docs/reliability.md): the
// API server process killed and started again in the middle of tracking, and etcd compacted
// while it is down so that the watches' resourceVersions are gone (410 Gone). Each ends with the
// final table compared with the cluster's real state.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { AppsV1Api } from "@kubernetes/client-node";
import { useSandbox, type Sandbox } from "../../sandbox/testing.ts";
import { compactEtcd, stopApiserver } from "../../sandbox/faults.ts";
import { createObjects } from "../tracking/tracker-harness.ts";
import { assertTableMatchesCluster, deployment, holdProcess, liveTable, trackRecorded, until } from "./fault-harness.ts";

let sandbox: Sandbox;
before(async () => {
  sandbox = await useSandbox();
});
after(async () => sandbox.cleanup());

const options = { waitForJobs: true, outcome: { timeoutSeconds: 120, stabilizationSeconds: 2, podsCannotStart: null } };
const hasPodRow = (rows: Map<string, { kind: string }>) => [...rows.values()].some((row) => row.kind === "Pod");

test("kube-apiserver killed and started again in the middle of a step: tracking resumes by itself, nothing missed", async () => {
  const namespace = await sandbox.createNamespace("apiserver-restart");
  const release = holdProcess();
  try {
    const objects = await createObjects(sandbox.kubeConfig, [deployment("web", namespace, 2, "6s")]);
    const { recorded, done } = trackRecorded(sandbox.kubeConfig, objects, options);
    await until(() => recorded.counter.counts.watch >= 3 && hasPodRow(liveTable(recorded.batches)), 15_000, "the three watches and a pod row");
    const apiserver = await stopApiserver(sandbox.state);
    const watchesBefore = recorded.counter.counts.watch;
    await until(() => recorded.counter.counts.watch > watchesBefore, 15_000, "a refused reconnection");
    const { startedAt, readyAt } = await apiserver.start();
    const result = await done;
    const log = recorded.log.map((entry) => entry.line);
    assert.equal(result.outcome, "Succeeded", log.join("\n"));
    const recoveries = recorded.log.filter((entry) => /^info: Watching \S+ in \S+ recovered at/.test(entry.line));
    for (const plural of ["deployments", "replicasets", "pods"])
      assert.ok(
        recoveries.some((entry) => entry.line.includes(`Watching ${plural} in ${namespace}`)),
        `${plural} recovery logged:\n${log.join("\n")}`,
      );
    const recoveredAt = Math.max(...recoveries.map((entry) => entry.at));
    console.log(
      `kube-apiserver killed, started again ${startedAt - apiserver.stoppedAt} ms later, /readyz ${readyAt - startedAt} ms after its start; every watch recovered ${recoveredAt - startedAt} ms after the start; step Succeeded ${result.finishedAt.getTime() - startedAt} ms after it; watch errors: ${JSON.stringify(recorded.watchErrors)}`,
    );
    assert.ok(recoveredAt - startedAt < 15_000, `recovered ${recoveredAt - startedAt} ms after the API server was started again`);
    await assertTableMatchesCluster(sandbox.kubeConfig, namespace, "web", result.rows);
    // What viewers saw (the batches) is the final table.
    const live = liveTable(recorded.batches);
    assert.deepEqual(
      [...live.values()].map((row) => `${row.kind}/${row.name} ${row.status}`).sort(),
      result.rows.map((row) => `${row.kind}/${row.name} ${row.status}`).sort(),
    );
  } finally {
    release();
  }
});

test("etcd compacted while the API server is down: the watches get 410 Gone, relist, and a later scale-up is tracked in full", async () => {
  const namespace = await sandbox.createNamespace("etcd-compaction");
  const apps = sandbox.kubeConfig.makeApiClient(AppsV1Api);
  const release = holdProcess();
  try {
    const objects = await createObjects(sandbox.kubeConfig, [deployment("web", namespace, 2, "5s")]);
    const { recorded, done } = trackRecorded(sandbox.kubeConfig, objects, options);
    await until(() => recorded.counter.counts.watch >= 3 && hasPodRow(liveTable(recorded.batches)), 15_000, "the three watches and a pod row");
    const listsBefore = recorded.counter.counts.list;
    const apiserver = await stopApiserver(sandbox.state);
    const revision = await compactEtcd(sandbox.state);
    const { startedAt, readyAt } = await apiserver.start();
    const live = await apps.readNamespacedDeployment({ name: "web", namespace });
    live.spec!.replicas = 4;
    await apps.replaceNamespacedDeployment({ name: "web", namespace, body: live });
    const result = await done;
    const log = recorded.log.map((entry) => entry.line);
    console.log(
      `etcd compacted to revision ${revision}; API server back ${readyAt - apiserver.stoppedAt} ms after the kill; lists ${listsBefore} → ${recorded.counter.counts.list}; watch errors: ${JSON.stringify(recorded.watchErrors)}; /readyz ${readyAt - startedAt} ms after the start; step (scaled 2 → 4 after it) ended ${result.finishedAt.getTime() - readyAt} ms after /readyz`,
    );
    assert.ok(
      recorded.watchErrors.some((error) => / 410 too old resource version/.test(error)),
      `a watch resumed from a compacted resourceVersion got 410 Gone: ${JSON.stringify(recorded.watchErrors)}`,
    );
    assert.ok(recorded.counter.counts.list > listsBefore, "the expired watches relisted");
    assert.equal(result.outcome, "Succeeded", log.join("\n"));
    assert.equal(result.rows.filter((row) => row.kind === "Pod").length, 4, "the four pods of the scaled Deployment");
    await assertTableMatchesCluster(sandbox.kubeConfig, namespace, "web", result.rows);
  } finally {
    release();
  }
});
