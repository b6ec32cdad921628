// The CA of a target, from Test connection to Create (issue 11): a CA that cannot be read is a
// field error naming its problem (Node's TLS silently ignores such a `ca`, so it used to fail like
// a missing one); a missing CA and a CA that did not sign the server's certificate get different
// answers; and Test connection accepts exactly the input Create saves (a kubeconfig whose context
// was not picked yet means its current context, for both).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { call, installTestContext } from "../../testing/test-context.ts";
import * as environments from "../../../app/api/environments/route.ts";
import * as testConnection from "../../../app/api/environments/test-connection/route.ts";

function selfSigned(cn: string) {
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
      `/CN=${cn}`,
      "-addext",
      "subjectAltName=IP:127.0.0.1",
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

const b64 = (text: string) => Buffer.from(text).toString("base64");

describe("the CA of a target", () => {
  let database: TestDatabase;
  let server: Server;
  let url: string;
  const serverPair = selfSigned("127.0.0.1");
  const otherCa = selfSigned("someone-else").cert;

  before(async () => {
    database = await createTestDatabase("sqlite");
    installTestContext(database);
    // An API server that rejects every credential: reaching it proves TLS was verified.
    server = createServer({ key: serverPair.key, cert: serverPair.cert }, (_request, response) => {
      response.writeHead(401, { "content-type": "application/json" });
      response.end(JSON.stringify({ kind: "Status", message: "Unauthorized" }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.close();
    await database.cleanup();
  });

  const kubeconfig = (caData: string | undefined, currentContext = "ctx", extraContext = "") => `apiVersion: v1
kind: Config
clusters:
  - name: c
    cluster:
      server: "${url}"
${caData === undefined ? "" : `      certificate-authority-data: "${caData}"\n`}users:
  - name: u
    user: { token: "abc" }
contexts:
  - name: ctx
    context: { cluster: c, user: u }
${extraContext}current-context: ${currentContext}
`;
  const tokenTarget = (caCertificate: string) => ({ authKind: "token", serverUrl: url, token: "t", caCertificate });
  const test_ = (target: object) => call(testConnection.POST, { body: { target } });
  const create = (name: string, target: object) => call(environments.POST, { body: { name, target } });
  const messagesAt = (response: { json: { issues?: { path: string; message: string }[] } }, path: string) =>
    (response.json.issues ?? []).filter((issue) => issue.path === path).map((issue) => issue.message);

  test("a kubeconfig whose certificate-authority-data is not base64 is refused by Test connection and by Create, on the kubeconfig field", async () => {
    const target = { authKind: "kubeconfig", kubeconfig: kubeconfig("not base64 at all!!"), context: "ctx" };
    for (const response of [await test_(target), await create("bad-ca-data", target)]) {
      assert.equal(response.status, 422, response.text);
      assert.match(messagesAt(response, "target.kubeconfig").join(" "), /certificate-authority-data of cluster "c" is not base64/);
    }
  });

  test("a kubeconfig whose certificate-authority-data encodes something else says so", async () => {
    const response = await test_({ authKind: "kubeconfig", kubeconfig: kubeconfig(b64("hello world!")), context: "ctx" });
    assert.equal(response.status, 422, response.text);
    assert.match(messagesAt(response, "target.kubeconfig").join(" "), /is base64, but what it encodes is not a PEM certificate/);
  });

  test("a CA field that is not PEM, or PEM with a damaged body, is a field error naming the problem", async () => {
    const notPem = await test_(tokenTarget("hello"));
    assert.equal(notPem.status, 422, notPem.text);
    assert.match(messagesAt(notPem, "target.caCertificate").join(" "), /^The CA certificate is not PEM/);
    const damaged = await create("damaged", tokenTarget("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"));
    assert.equal(damaged.status, 422, damaged.text);
    assert.match(messagesAt(damaged, "target.caCertificate").join(" "), /is not a valid X\.509 certificate/);
  });

  test("a missing CA and a CA that did not sign the server's certificate get different, precise messages", async () => {
    const missing = await test_(tokenTarget(""));
    assert.equal(missing.json.ok, false);
    assert.match(missing.json.message, /TLS verification of .* failed \(\w+\): no CA certificate is given/);
    const wrong = await test_(tokenTarget(otherCa));
    assert.equal(wrong.json.ok, false);
    assert.match(wrong.json.message, /TLS verification of .* failed \(\w+\): the server's certificate is not signed by the CA certificate given/);
    const right = await test_(tokenTarget(serverPair.cert));
    assert.deepEqual(right.json, { ok: false, message: "The API server rejected the credential (401 Unauthorized)" });
  });

  test("Test connection runs with the input Create saves: no context picked yet means the current context", async () => {
    const target = { authKind: "kubeconfig", kubeconfig: kubeconfig(b64(serverPair.cert)), context: "" };
    const tested = await test_(target);
    assert.equal(tested.status, 200, tested.text);
    assert.deepEqual(tested.json, { ok: false, message: "The API server rejected the credential (401 Unauthorized)" });
    const created = await create("current-context", target);
    assert.equal(created.status, 201, created.text);
    assert.equal(created.json.target.kubeconfigContext, "ctx");
  });

  test("with several contexts, none current and none picked, both refuse it on the context field", async () => {
    const second = "  - name: other\n    context: { cluster: c, user: u }\n";
    const target = { authKind: "kubeconfig", kubeconfig: kubeconfig(b64(serverPair.cert), '""', second), context: "" };
    for (const response of [await test_(target), await create("no-context", target)]) {
      assert.equal(response.status, 422, response.text);
      assert.deepEqual(messagesAt(response, "target.context"), ["The kubeconfig names no current context: pick one"]);
    }
  });
});
