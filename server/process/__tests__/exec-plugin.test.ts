// The exec-plugin test of issue 9: a kubeconfig whose exec command would write a marker file is
// refused at save (create and update) and at test-connection, and the file never appears; once
// an administrator lists that exact command under Settings it is allowed and really runs; when
// the command is taken off the list again, the stored target fails its connection test and its
// deployments with the same sentence, and the command does not run.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { createTestDatabase, testProviders, type TestDatabase } from "../../testing/test-database.ts";
import { call, installTestContext } from "../../testing/test-context.ts";
import { appContext } from "../../context.ts";
import { deploymentFinished, loadDeployment, queueDeployment } from "../../deploy/testing/deploy-harness.ts";
import * as environments from "../../../app/api/environments/route.ts";
import * as environment from "../../../app/api/environments/[environmentId]/route.ts";
import * as testConnection from "../../../app/api/environments/test-connection/route.ts";
import * as savedTestConnection from "../../../app/api/environments/[environmentId]/test-connection/route.ts";
import * as settings from "../../../app/api/settings/route.ts";

const EXEC_TOKEN = `exec-token-${randomBytes(6).toString("hex")}`;

/** A kubeconfig whose user's exec plugin touches `marker`, then prints a credential. */
const execKubeconfig = (server: string, marker: string) => `apiVersion: v1
kind: Config
clusters:
  - name: local
    cluster: { server: "${server}", insecure-skip-tls-verify: true }
users:
  - name: plugin
    user:
      exec:
        apiVersion: client.authentication.k8s.io/v1beta1
        command: /bin/sh
        args:
          - -c
          - 'touch ${marker}; echo ''{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"${EXEC_TOKEN}"}}'''
contexts:
  - name: local
    context: { cluster: local, user: plugin, namespace: default }
current-context: local
`;

const REFUSAL =
  'This kubeconfig runs the command "/bin/sh" (users[0].user.exec): exec plugins are not allowed. An administrator can allow this command under Settings.';

for (const provider of testProviders()) {
  describe(`exec plugins in kubeconfigs on ${provider}`, () => {
    let database: TestDatabase;
    let apiServer: Server;
    let serverUrl: string;
    const bearerTokens: string[] = [];
    const marker = join(tmpdir(), `kdeploy-exec-marker-${randomBytes(6).toString("hex")}`);
    const target = () => ({ authKind: "kubeconfig", kubeconfig: execKubeconfig(serverUrl, marker), context: "local" });

    before(async () => {
      database = await createTestDatabase(provider);
      installTestContext(database);
      // A stand-in API server: /version and a SelfSubjectAccessReview that allows, so a test
      // connection that gets this far succeeds, and the credential the plugin printed is seen.
      apiServer = createServer((request, response) => {
        bearerTokens.push(request.headers.authorization ?? "");
        request.resume();
        response.setHeader("content-type", "application/json");
        if (request.url === "/version") response.end(JSON.stringify({ gitVersion: "v1.36.0", platform: "linux/amd64" }));
        else response.writeHead(201).end(JSON.stringify({ status: { allowed: true } }));
      });
      await new Promise<void>((resolve) => apiServer.listen(0, "127.0.0.1", resolve));
      serverUrl = `http://127.0.0.1:${(apiServer.address() as AddressInfo).port}`;
    });
    after(async () => {
      rmSync(marker, { force: true });
      await appContext().executor.stop();
      await new Promise((resolve) => apiServer.close(resolve));
      await database.cleanup();
    });

    const allow = async (commands: string[]) => {
      const saved = await call(settings.PUT, { method: "PUT", body: { allowedExecCommands: commands, serverPathRoots: [] } });
      assert.equal(saved.status, 200, saved.text);
      assert.deepEqual(saved.json.allowedExecCommands, commands);
    };

    test("refused at save, at update and at test-connection; the command never runs", async () => {
      const created = await call(environments.POST, { body: { name: "exec-create", target: target() } });
      assert.equal(created.status, 422, created.text);
      assert.deepEqual(created.json.issues, [{ path: "target.kubeconfig", message: REFUSAL }]);

      const tested = await call(testConnection.POST, { body: { target: target() } });
      assert.equal(tested.status, 422, tested.text);
      assert.deepEqual(tested.json.issues, [{ path: "target.kubeconfig", message: REFUSAL }]);

      const plain = await call(environments.POST, { body: { name: "exec-update", target: { authKind: "token", serverUrl, token: "t" } } });
      assert.equal(plain.status, 201, plain.text);
      const updated = await call(environment.PUT, {
        method: "PUT",
        params: { environmentId: plain.json.id },
        body: { name: "exec-update", expectedVersion: 1, target: target() },
      });
      assert.equal(updated.status, 422, updated.text);
      assert.deepEqual(updated.json.issues, [{ path: "target.kubeconfig", message: REFUSAL }]);

      assert.equal(await database.db.environment.count({ where: { name: "exec-create" } }), 0);
      assert.equal(existsSync(marker), false, "the exec command ran");
      assert.ok(!bearerTokens.includes(`Bearer ${EXEC_TOKEN}`));
    });

    test("only an administrator may change the allowed commands", async () => {
      const body = { allowedExecCommands: ["/bin/sh"], serverPathRoots: [] };
      assert.equal((await call(settings.PUT, { method: "PUT", body, as: "release-manager" })).status, 403);
      assert.equal((await call(settings.PUT, { method: "PUT", body, as: "anonymous" })).status, 401);
      assert.deepEqual((await call(settings.GET)).json.allowedExecCommands, []);
    });

    test("allowed once an administrator lists the exact command, and then it really runs", async () => {
      await allow(["/bin/sh -c", "sh"]);
      const near = await call(testConnection.POST, { body: { target: target() } });
      assert.equal(near.status, 422, "a similar command string is not the command");
      assert.equal(existsSync(marker), false);

      await allow(["/bin/sh"]);
      const tested = await call(testConnection.POST, { body: { target: target() } });
      assert.equal(tested.status, 200, tested.text);
      assert.deepEqual(tested.json, { ok: true, serverVersion: "v1.36.0", platform: "linux/amd64", user: "plugin" });
      assert.equal(existsSync(marker), true, "the allowed command ran");
      assert.ok(bearerTokens.includes(`Bearer ${EXEC_TOKEN}`), "its credential was sent");
      const created = await call(environments.POST, { body: { name: "exec-allowed", target: target() } });
      assert.equal(created.status, 201, created.text);
    });

    test("a stored target whose command is no longer allowed fails at use time without running it", async () => {
      await allow(["/bin/sh"]);
      const created = await call(environments.POST, { body: { name: "exec-revoked", target: target() } });
      assert.equal(created.status, 201, created.text);
      await allow([]);
      rmSync(marker, { force: true });

      const tested = await call(savedTestConnection.POST, { method: "POST", params: { environmentId: created.json.id } });
      assert.equal(tested.status, 200, tested.text);
      assert.deepEqual(tested.json, { ok: false, message: REFUSAL });

      const kept = await call(environment.PUT, {
        method: "PUT",
        params: { environmentId: created.json.id },
        body: { name: "exec-revoked", expectedVersion: 1, target: { authKind: "kubeconfig", context: "local" } },
      });
      assert.equal(kept.status, 422, "saving again re-checks the stored kubeconfig");
      assert.deepEqual(kept.json.issues, [{ path: "target.kubeconfig", message: REFUSAL }]);

      const deploymentId = await queueDeployment(created.json.id, [
        { type: "configmap", name: "Config", config: { name: "settings", data: [{ key: "a", value: "1" }] } },
      ]);
      await deploymentFinished(deploymentId);
      const { deployment } = await loadDeployment(deploymentId);
      assert.equal(deployment.status, "Failed");
      assert.equal(deployment.message, `The deployment could not run: ${REFUSAL}`);
      assert.equal(existsSync(marker), false, "the revoked command ran");
    });
  });
}
