// Environments and targets through the route handlers: credentials are sealed at rest and never
// returned; secret fields left empty keep the stored value; bad input gets field errors.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createTestDatabase, testProviders, type TestDatabase } from "../../testing/test-database.ts";
import { call, installTestContext } from "../../testing/test-context.ts";
import * as environments from "../../../app/api/environments/route.ts";
import * as environment from "../../../app/api/environments/[environmentId]/route.ts";
import * as contexts from "../../../app/api/kubeconfig/contexts/route.ts";
import * as testConnection from "../../../app/api/environments/test-connection/route.ts";

function selfSignedPair(cn: string) {
  const out = execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-subj",
      `/CN=${cn}/O=system:masters`,
      "-days",
      "1",
      "-keyout",
      "-",
      "-out",
      "-",
    ],
    { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] },
  );
  return {
    key: out.match(/-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----/)![0],
    cert: out.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/)![0],
  };
}

const TOKEN = "kd-token-5f1a9c0e-secret-value";
const kubeconfig = (token: string) => `apiVersion: v1
kind: Config
clusters:
  - name: prod
    cluster: { server: "https://10.1.2.3:6443", insecure-skip-tls-verify: true }
users:
  - name: deployer
    user: { token: "${token}" }
contexts:
  - name: prod-deployer
    context: { cluster: prod, user: deployer, namespace: shop }
  - name: broken
    context: { cluster: nowhere, user: deployer }
current-context: prod-deployer
`;

for (const provider of testProviders()) {
  describe(`environments API on ${provider}`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await createTestDatabase(provider);
      installTestContext(database);
    });
    after(async () => database.cleanup());

    const assertNoSecrets = (text: string, ...secrets: string[]) => {
      for (const secret of secrets) assert.ok(!text.includes(secret), `response leaks ${secret.slice(0, 20)}…`);
      assert.ok(!text.includes("encryptedCredentials"));
    };

    test("token target: sealed at rest, never returned, kept when left empty on update", async () => {
      const created = await call(environments.POST, {
        body: { name: "production", target: { authKind: "token", serverUrl: "https://10.0.0.1:6443", token: TOKEN, defaultNamespace: "shop" } },
      });
      assert.equal(created.status, 201, created.text);
      assertNoSecrets(created.text, TOKEN);
      assert.match(created.json.target.credentialHint, /^bearer token \(fingerprint [0-9a-f]{8}\)$/);
      const row = await database.db.kubernetesTarget.findFirstOrThrow({ where: { environmentId: created.json.id } });
      assert.ok(!JSON.stringify(row).includes(TOKEN), "stored sealed");
      const listed = await call(environments.GET);
      assertNoSecrets(listed.text, TOKEN);
      const fetched = await call(environment.GET, { params: { environmentId: created.json.id } });
      assertNoSecrets(fetched.text, TOKEN);
      const updated = await call(environment.PUT, {
        method: "PUT",
        params: { environmentId: created.json.id },
        body: {
          name: "production",
          description: "Live",
          expectedVersion: 1,
          target: { authKind: "token", serverUrl: "https://10.0.0.2:6443", defaultNamespace: "shop" },
        },
      });
      assert.equal(updated.status, 200, updated.text);
      assert.equal(updated.json.target.serverUrl, "https://10.0.0.2:6443");
      assert.equal(updated.json.target.credentialHint, created.json.target.credentialHint, "the stored token was kept");
      const stale = await call(environment.PUT, {
        method: "PUT",
        params: { environmentId: created.json.id },
        body: { name: "production", expectedVersion: 1, target: { authKind: "token", serverUrl: "https://10.0.0.3:6443" } },
      });
      assert.equal(stale.status, 409);
    });

    test("client certificate target: the key never comes back; the hint names the subject", async () => {
      const pair = selfSignedPair("deployer");
      const created = await call(environments.POST, {
        body: {
          name: "staging",
          target: { authKind: "clientCertificate", serverUrl: "https://10.0.0.9:6443", clientCertificate: pair.cert, clientKey: pair.key },
        },
      });
      assert.equal(created.status, 201, created.text);
      assertNoSecrets(created.text, pair.key.split("\n")[1]!);
      assert.equal(created.json.target.credentialHint, "client certificate CN=deployer, O=system:masters");
      const missingKey = await call(environments.POST, {
        body: { name: "staging-2", target: { authKind: "clientCertificate", serverUrl: "https://10.0.0.9:6443", clientCertificate: pair.cert } },
      });
      assert.equal(missingKey.status, 422);
      assert.deepEqual(missingKey.json.issues, [{ path: "target.clientKey", message: "Paste the client key (PEM)" }]);
    });

    test("kubeconfig target: contexts listed, unknown or broken contexts refused, credentials hidden", async () => {
      const listed = await call(contexts.POST, { body: { kubeconfig: kubeconfig(TOKEN) } });
      assert.equal(listed.status, 200, listed.text);
      assert.deepEqual(
        listed.json.contexts.map((c: { name: string }) => c.name),
        ["prod-deployer", "broken"],
      );
      assertNoSecrets(listed.text, TOKEN);
      const unknown = await call(environments.POST, {
        body: { name: "kc-1", target: { authKind: "kubeconfig", kubeconfig: kubeconfig(TOKEN), context: "nope" } },
      });
      assert.equal(unknown.status, 422);
      assert.equal(unknown.json.issues[0].path, "target.context");
      const broken = await call(environments.POST, {
        body: { name: "kc-2", target: { authKind: "kubeconfig", kubeconfig: kubeconfig(TOKEN), context: "broken" } },
      });
      assert.equal(broken.status, 422);
      const created = await call(environments.POST, {
        body: { name: "kc-3", target: { authKind: "kubeconfig", kubeconfig: kubeconfig(TOKEN), context: "prod-deployer" } },
      });
      assert.equal(created.status, 201, created.text);
      assertNoSecrets(created.text, TOKEN);
      assert.equal(created.json.target.serverUrl, "https://10.1.2.3:6443");
      assert.equal(created.json.target.defaultNamespace, "shop", "taken from the context");
    });

    test("bad input: field errors; oversized kubeconfig refused; duplicate names 409", async () => {
      const invalid = await call(environments.POST, { body: { name: "", target: { authKind: "token", serverUrl: "not a url", defaultNamespace: "Bad_NS" } } });
      assert.equal(invalid.status, 422);
      assert.deepEqual(invalid.json.issues.map((i: { path: string }) => i.path).sort(), ["name", "target.defaultNamespace", "target.serverUrl"]);
      const noToken = await call(environments.POST, { body: { name: "no-token", target: { authKind: "token", serverUrl: "https://1.2.3.4" } } });
      assert.deepEqual(noToken.json.issues, [{ path: "target.token", message: "Enter a bearer token" }]);
      const big = await call(environments.POST, {
        body: { name: "big", target: { authKind: "kubeconfig", kubeconfig: "#".repeat(300 * 1024), context: "x" } },
      });
      assert.equal(big.status, 422);
      assert.match(big.json.issues[0].message, /limited to 256 KiB/);
      await call(environments.POST, { body: { name: "dup", target: { authKind: "token", serverUrl: "https://1.2.3.4", token: "t" } } });
      const dup = await call(environments.POST, { body: { name: "dup", target: { authKind: "token", serverUrl: "https://1.2.3.4", token: "t" } } });
      assert.equal(dup.status, 409);
      assert.equal(await database.db.environment.count({ where: { name: "big" } }), 0);
    });

    test("test connection reports a refused connection clearly (no cluster needed)", async () => {
      const response = await call(testConnection.POST, { body: { target: { authKind: "token", serverUrl: "https://127.0.0.1:1", token: "t" } } });
      assert.equal(response.status, 200);
      assert.equal(response.json.ok, false);
      assert.match(response.json.message, /refused|Could not reach/);
    });

    test("deleting an unknown environment is 404", async () => {
      assert.equal((await call(environment.DELETE, { method: "DELETE", params: { environmentId: "missing" } })).status, 404);
    });
  });
}
