// "Test connection": asks the API server for its version with the target's credentials, then
// checks the credential is accepted (an unauthenticated /version can succeed on some clusters).
// Both requests go through the one client (server/kube/http.ts) and its time limits.
import type { KubeConfig } from "@kubernetes/client-node";
import { createKubeHttp, statusMessage, type ClientOptions, type KubeResponse } from "./http.ts";

export type ConnectionTestResult = { ok: true; serverVersion: string; platform: string; user: string } | { ok: false; message: string };

type VersionInfo = { gitVersion?: string; platform?: string };
type AccessReview = { status?: { allowed?: boolean; reason?: string } };

export async function testConnection(kubeConfig: KubeConfig, namespace: string, options: ClientOptions = {}): Promise<ConnectionTestResult> {
  const server = kubeConfig.getCurrentCluster()?.server ?? "(no server)";
  try {
    const http = createKubeHttp(kubeConfig, options);
    const versionResponse = await http({ method: "GET", path: "/version" });
    if (versionResponse.status !== 200) return { ok: false, message: describeStatus(versionResponse) };
    const version = versionResponse.body as VersionInfo;
    const reviewResponse = await http({
      method: "POST",
      path: "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
      contentType: "application/json",
      body: JSON.stringify({
        apiVersion: "authorization.k8s.io/v1",
        kind: "SelfSubjectAccessReview",
        spec: { resourceAttributes: { namespace, verb: "list", resource: "pods" } },
      }),
    });
    if (reviewResponse.status !== 201 && reviewResponse.status !== 200) return { ok: false, message: describeStatus(reviewResponse) };
    const review = reviewResponse.body as AccessReview;
    if (!review.status?.allowed) {
      return {
        ok: false,
        message: `Connected to Kubernetes ${version.gitVersion}, but this credential may not list pods in namespace "${namespace}"${review.status?.reason ? `: ${review.status.reason}` : ""}`,
      };
    }
    return { ok: true, serverVersion: version.gitVersion ?? "", platform: version.platform ?? "", user: kubeConfig.getCurrentUser()?.name ?? "" };
  } catch (error) {
    return { ok: false, message: describeConnectionError(error, server, { caConfigured: Boolean(kubeConfig.getCurrentCluster()?.caData) }) };
  }
}

function describeStatus(response: KubeResponse): string {
  if (response.status === 401) return "The API server rejected the credential (401 Unauthorized)";
  if (response.status === 403) return "The credential is valid but not allowed to do this (403 Forbidden)";
  return `The API server answered HTTP ${response.status}: ${statusMessage(response.body).split("\n")[0]}`;
}

/** `caConfigured`: the target names a CA of its own, so a failed verification means that CA did not sign the server's certificate. */
export function describeConnectionError(error: unknown, server: string, { caConfigured = false }: { caConfigured?: boolean } = {}): string {
  const err = error as { code?: number | string; message?: string; cause?: { code?: string; message?: string } };
  const code = err.cause?.code ?? (typeof err.code === "string" ? err.code : undefined);
  if (code?.startsWith("KUBE_") && code.endsWith("_TIMEOUT")) return err.message ?? `Connecting to ${server} timed out`;
  if (code === "ECONNREFUSED") return `Connection refused by ${server}: is the API server running and the URL right?`;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `The host of ${server} could not be resolved`;
  if (code === "ETIMEDOUT" || code === "UND_ERR_CONNECT_TIMEOUT") return `Connecting to ${server} timed out`;
  if (code && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code))
    return caConfigured
      ? `TLS verification of ${server} failed (${code}): the server's certificate is not signed by the CA certificate given; check that it is this cluster's CA`
      : `TLS verification of ${server} failed (${code}): no CA certificate is given and no authority this server trusts signed the cluster's certificate; add the cluster's CA certificate`;
  const message = err.cause?.message ?? err.message ?? String(error);
  return `Could not reach ${server}: ${message.split("\n")[0]}`;
}
