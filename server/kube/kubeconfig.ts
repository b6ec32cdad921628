// The one place that builds a client-node KubeConfig from a stored target (credentials unsealed
// in memory only). Uploaded kubeconfigs go through the policy first (kubeconfig-policy.ts); a
// target saved when its exec command was allowed fails here, with the same sentence, once the
// command is no longer allowed: the command never runs.
import { KubeConfig } from "@kubernetes/client-node";
import { checkKubeconfig, STRICT_KUBECONFIG_POLICY, type KubeconfigPolicy } from "./kubeconfig-policy.ts";

export { KubeconfigFormatError, KubeconfigPolicyError, STRICT_KUBECONFIG_POLICY, type KubeconfigPolicy } from "./kubeconfig-policy.ts";

export type TargetCredentials =
  | { authKind: "token"; token: string }
  | { authKind: "clientCertificate"; clientCertificate: string; clientKey: string }
  | { authKind: "kubeconfig"; kubeconfig: string };

export type TargetConnection = {
  serverUrl: string;
  caCertificate: string | null;
  insecureSkipTlsVerify: boolean;
  kubeconfigContext: string | null;
  credentials: TargetCredentials;
  /** The policy in force when the connection was read (server settings); absent = nothing allowed. */
  policy?: KubeconfigPolicy;
};

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

/** Throws KubeconfigPolicyError (never running anything) when the policy refuses the kubeconfig. */
export function buildKubeConfig(target: TargetConnection): KubeConfig {
  const kubeConfig = new KubeConfig();
  const credentials = target.credentials;
  if (credentials.authKind === "kubeconfig") {
    const { cluster, user, context } = checkKubeconfig(credentials.kubeconfig, target.kubeconfigContext, target.policy ?? STRICT_KUBECONFIG_POLICY);
    kubeConfig.loadFromOptions({ clusters: [cluster], users: [user], contexts: [context], currentContext: context.name });
    return kubeConfig;
  }
  const user =
    credentials.authKind === "token"
      ? { name: "target", token: credentials.token }
      : { name: "target", certData: b64(credentials.clientCertificate), keyData: b64(credentials.clientKey) };
  kubeConfig.loadFromOptions({
    clusters: [
      {
        name: "target",
        server: target.serverUrl,
        caData: target.caCertificate ? b64(target.caCertificate) : undefined,
        skipTLSVerify: target.insecureSkipTlsVerify,
      },
    ],
    users: [user],
    contexts: [{ name: "target", cluster: "target", user: "target" }],
    currentContext: "target",
  });
  return kubeConfig;
}
