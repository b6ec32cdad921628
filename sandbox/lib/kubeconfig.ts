// Kubeconfig files for the sandbox's clients. Certificates are embedded, so a copied
// kubeconfig keeps working; the files are mode 0600 since they hold private keys.
import { readFileSync, writeFileSync } from "node:fs";
import { stringify } from "yaml";
import type { ClientIdentity } from "./certs";

const base64 = (path: string): string => readFileSync(path).toString("base64");

export function writeKubeconfig(path: string, options: { serverUrl: string; caCert: string; identity: ClientIdentity; user: string }): void {
  const config = {
    apiVersion: "v1",
    kind: "Config",
    clusters: [
      {
        name: "kdeploy-sandbox",
        cluster: { server: options.serverUrl, "certificate-authority-data": base64(options.caCert) },
      },
    ],
    users: [
      {
        name: options.user,
        user: {
          "client-certificate-data": base64(options.identity.cert),
          "client-key-data": base64(options.identity.key),
        },
      },
    ],
    contexts: [{ name: "kdeploy-sandbox", context: { cluster: "kdeploy-sandbox", user: options.user, namespace: "default" } }],
    "current-context": "kdeploy-sandbox",
  };
  writeFileSync(path, stringify(config), { mode: 0o600 });
}
