// Builds a client-node KubeConfig for a stored target (credentials unsealed in memory only).
import { KubeConfig } from "@kubernetes/client-node";

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
};

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

export function buildKubeConfig(target: TargetConnection): KubeConfig {
  const kubeConfig = new KubeConfig();
  const credentials = target.credentials;
  if (credentials.authKind === "kubeconfig") {
    kubeConfig.loadFromString(credentials.kubeconfig);
    if (target.kubeconfigContext) kubeConfig.setCurrentContext(target.kubeconfigContext);
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
