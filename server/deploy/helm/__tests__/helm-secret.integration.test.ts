// A Helm chart's Secret on the sandbox, end to end through the executor: the values enter the
// process in `helm get manifest` and in watch events, and must reach neither the rows
// (ObjectRow.manifest / observed), nor the task log, nor the live events sent to browsers.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { CoreV1Api } from "@kubernetes/client-node";
import { useSandbox, type Sandbox } from "../../../../sandbox/testing.ts";
import type { TestDatabase } from "../../../testing/test-database.ts";
import { appContext } from "../../../context.ts";
import { REDACTED } from "../../../kube/sanitize.ts";
import { engineEvents } from "../../engine-events.ts";
import { deploy, setUpDeployments } from "../../testing/deploy-harness.ts";

const CHART = fileURLToPath(new URL("../../__fixtures__/charts/secret-app", import.meta.url));
const PASSWORD = `helm-password-${randomBytes(6).toString("hex")}`;
const TOKEN = `helm-token-${randomBytes(6).toString("hex")}`;
// The forms a value can take on the way: as written, base64 (data), and JSON-escaped.
const MARKERS = [PASSWORD, TOKEN, Buffer.from(PASSWORD).toString("base64"), Buffer.from(TOKEN).toString("base64")];

let sandbox: Sandbox;
let database: TestDatabase;
let environmentId: string;
const emitted: string[] = [];
const record = (payload: unknown) => emitted.push(JSON.stringify(payload));

before(async () => {
  sandbox = await useSandbox();
  ({ database, environmentId } = await setUpDeployments(sandbox));
  for (const name of ["rows", "log", "step", "deployment"] as const) engineEvents().on(name, record);
});
after(async () => {
  for (const name of ["rows", "log", "step", "deployment"] as const) engineEvents().off(name, record);
  await appContext().executor.stop();
  await database.cleanup();
  await sandbox.cleanup();
});

test("a Helm-rendered Secret's values never reach ObjectRow.manifest/observed, the log or live events", async () => {
  const namespace = await sandbox.createNamespace("helm-secret");
  const { deployment, runs, log } = await deploy(environmentId, [
    {
      type: "helm-chart",
      name: "Chart",
      config: { chart: { source: "path", path: CHART }, releaseName: "vault", namespace, values: `password: ${PASSWORD}\ntoken: ${TOKEN}\n` },
      verification: { timeoutSeconds: 60 },
    },
  ]);
  assert.equal(deployment.status, "Succeeded", log());

  // The values did reach the cluster: the test would pass vacuously otherwise.
  const live = await sandbox.kubeConfig.makeApiClient(CoreV1Api).readNamespacedSecret({ name: "vault-credentials", namespace });
  assert.equal(Buffer.from(live.data!.password!, "base64").toString(), PASSWORD);

  const secret = runs[0]!.objects.find((row) => row.kind === "Secret");
  assert.ok(secret, `the Secret is a row: ${runs[0]!.objects.map((row) => row.kind)}`);
  assert.deepEqual((secret.manifest as { stringData?: unknown }).stringData, { password: REDACTED });
  assert.deepEqual((secret.manifest as { data?: unknown }).data, { token: REDACTED });
  assert.ok(secret.observed, "the observed Secret was stored");
  assert.deepEqual((secret.observed as { data?: unknown }).data, { password: REDACTED, token: REDACTED });

  const stored = JSON.stringify({
    rows: await database.db.objectRow.findMany({ where: { stepRunId: runs[0]!.id } }),
    log: await database.db.stepLogLine.findMany({ where: { stepRunId: runs[0]!.id } }),
    run: await database.db.stepRun.findUniqueOrThrow({ where: { id: runs[0]!.id } }),
  });
  for (const marker of MARKERS) {
    assert.ok(!stored.includes(marker), `${marker.slice(0, 14)}… is stored`);
    assert.ok(!emitted.some((frame) => frame.includes(marker)), `${marker.slice(0, 14)}… was emitted to browsers`);
  }
});
