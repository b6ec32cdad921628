// The kubeconfig policy: exec plugins only for listed commands, auth-provider and file references
// never; what reaches client-node is only the checked context, cluster and user.
import { test } from "node:test";
import assert from "node:assert/strict";
import { buildKubeConfig, KubeconfigPolicyError, type KubeconfigPolicy } from "../kubeconfig.ts";
import { checkKubeconfig, STRICT_KUBECONFIG_POLICY } from "../kubeconfig-policy.ts";

const kubeconfig = (user: string, cluster = `server: "https://10.1.2.3:6443"`) => `apiVersion: v1
kind: Config
clusters:
  - name: c
    cluster: { ${cluster} }
users:
  - name: harmless
    user: { token: "t" }
  - name: u
    user: ${user}
contexts:
  - name: ctx
    context: { cluster: c, user: u, namespace: shop }
current-context: ctx
`;

const refusal = (text: string, policy: KubeconfigPolicy = STRICT_KUBECONFIG_POLICY): KubeconfigPolicyError => {
  try {
    checkKubeconfig(text, null, policy);
  } catch (error) {
    assert.ok(error instanceof KubeconfigPolicyError, String(error));
    return error;
  }
  return assert.fail("the kubeconfig was accepted");
};

const AWS = `{ exec: { apiVersion: client.authentication.k8s.io/v1beta1, command: /usr/bin/aws, args: [eks, get-token] } }`;

test("an exec plugin is refused by default, with the command and where it is named", () => {
  assert.equal(
    refusal(kubeconfig(AWS)).message,
    'This kubeconfig runs the command "/usr/bin/aws" (users[1].user.exec): exec plugins are not allowed. An administrator can allow this command under Settings.',
  );
});

test("an exec plugin whose exact command is allowed is kept, with its arguments", () => {
  const checked = checkKubeconfig(kubeconfig(AWS), null, { allowedExecCommands: ["/usr/bin/aws"] });
  assert.equal(checked.user.exec.command, "/usr/bin/aws");
  assert.deepEqual(checked.user.exec.args, ["eks", "get-token"]);
  // Exact strings: another spelling of the same program is not the allowed command.
  refusal(kubeconfig(AWS.replace("/usr/bin/aws", "aws")), { allowedExecCommands: ["/usr/bin/aws"] });
  refusal(kubeconfig(AWS.replace("/usr/bin/aws", "/usr/bin//aws")), { allowedExecCommands: ["/usr/bin/aws"] });
});

test("auth-provider is refused even when every exec command is allowed", () => {
  const error = refusal(kubeconfig(`{ auth-provider: { name: gcp, config: { cmd-path: /usr/bin/gcloud } } }`), { allowedExecCommands: ["/usr/bin/gcloud"] });
  assert.deepEqual(
    error.violations.map((violation) => violation.path),
    ["users[1].user.auth-provider"],
  );
  assert.match(error.message, /auth-provider "gcp" \(users\[1\]\.user\.auth-provider\): auth-provider plugins are not allowed/);
});

test("file references are refused wherever they are, naming the file and the inline field to use", () => {
  const user = refusal(kubeconfig(`{ client-certificate: /etc/kubernetes/admin.crt, client-key: /etc/kubernetes/admin.key, token-file: /var/run/token }`));
  assert.deepEqual(
    user.violations.map((violation) => violation.path),
    ["users[1].user.client-certificate", "users[1].user.client-key", "users[1].user.token-file"],
  );
  assert.equal(
    user.violations[0]!.message,
    'This kubeconfig reads the file "/etc/kubernetes/admin.crt" on the server (users[1].user.client-certificate): file references are not allowed. Paste the contents into client-certificate-data instead.',
  );
  const cluster = refusal(kubeconfig(`{ token: t }`, `server: "https://10.1.2.3:6443", certificate-authority: /etc/ca.crt`));
  assert.deepEqual(
    cluster.violations.map((violation) => violation.path),
    ["clusters[0].cluster.certificate-authority"],
  );
  const camel = refusal(kubeconfig(`{ tokenFile: /var/run/token, extensions: { nested: { ca-file: /x } } }`));
  assert.deepEqual(
    camel.violations.map((violation) => violation.path),
    ["users[1].user.tokenFile", "users[1].user.extensions.nested.ca-file"],
  );
});

test("a merge key cannot hide an exec plugin from the check", () => {
  const hidden = `apiVersion: v1
kind: Config
x-defaults: &plugin { exec: { command: /bin/sh, args: [-c, "touch /tmp/x"] } }
clusters: [{ name: c, cluster: { server: "https://10.1.2.3:6443" } }]
users: [{ name: u, user: { <<: *plugin } }]
contexts: [{ name: ctx, context: { cluster: c, user: u } }]
current-context: ctx
`;
  assert.match(refusal(hidden).message, /runs the command "\/bin\/sh" \(users\[0\]\.user\.exec\)/);
});

test("only the selected context's cluster and user are checked and passed on", () => {
  const text = `apiVersion: v1
kind: Config
clusters:
  - { name: good, cluster: { server: "https://good:6443/", certificate-authority-data: Q0E= } }
  - { name: other, cluster: { server: "https://other:6443", certificate-authority: /etc/ca } }
users:
  - { name: deployer, user: { token: abc, client-key-data: S0VZ } }
  - { name: cloud, user: { exec: { command: /usr/bin/aws } } }
contexts:
  - { name: prod, context: { cluster: good, user: deployer } }
  - { name: cloud, context: { cluster: other, user: cloud } }
current-context: cloud
`;
  const kubeConfig = buildKubeConfig({
    serverUrl: "",
    caCertificate: null,
    insecureSkipTlsVerify: false,
    kubeconfigContext: "prod",
    credentials: { authKind: "kubeconfig", kubeconfig: text },
  });
  assert.deepEqual(
    kubeConfig.getClusters().map((cluster) => cluster.name),
    ["good"],
  );
  assert.deepEqual(
    kubeConfig.getUsers().map((user) => user.name),
    ["deployer"],
  );
  assert.equal(kubeConfig.getCurrentCluster()?.server, "https://good:6443");
  assert.equal(kubeConfig.getCurrentUser()?.token, "abc");
  assert.equal(kubeConfig.getCurrentCluster()?.caFile, undefined);
  // The current context of the file (cloud) is the one checked when none is chosen.
  assert.throws(
    () =>
      buildKubeConfig({
        serverUrl: "",
        caCertificate: null,
        insecureSkipTlsVerify: false,
        kubeconfigContext: null,
        credentials: { authKind: "kubeconfig", kubeconfig: text },
      }),
    KubeconfigPolicyError,
  );
});

test("a connection built without a policy allows nothing (use time, never runs the command)", () => {
  const target = {
    serverUrl: "https://10.1.2.3:6443",
    caCertificate: null,
    insecureSkipTlsVerify: false,
    kubeconfigContext: "ctx",
    credentials: { authKind: "kubeconfig" as const, kubeconfig: kubeconfig(AWS) },
  };
  assert.throws(() => buildKubeConfig(target), /exec plugins are not allowed/);
  assert.equal(buildKubeConfig({ ...target, policy: { allowedExecCommands: ["/usr/bin/aws"] } }).getCurrentUser()?.exec.command, "/usr/bin/aws");
});
