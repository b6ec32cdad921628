// "Test connection": asks the API server for its version with the target's credentials, then
// checks the credential is accepted (an unauthenticated /version can succeed on some clusters).
import { AuthorizationV1Api, VersionApi, type KubeConfig } from "@kubernetes/client-node";

export type ConnectionTestResult = { ok: true; serverVersion: string; platform: string; user: string } | { ok: false; message: string };

const TIMEOUT_MS = 10_000;

export async function testConnection(kubeConfig: KubeConfig, namespace: string): Promise<ConnectionTestResult> {
  const server = kubeConfig.getCurrentCluster()?.server ?? "(no server)";
  try {
    const version = await withTimeout(kubeConfig.makeApiClient(VersionApi).getCode(), server);
    const review = await withTimeout(
      kubeConfig.makeApiClient(AuthorizationV1Api).createSelfSubjectAccessReview({
        body: {
          apiVersion: "authorization.k8s.io/v1",
          kind: "SelfSubjectAccessReview",
          spec: { resourceAttributes: { namespace, verb: "list", resource: "pods" } },
        },
      }),
      server,
    );
    const user = kubeConfig.getCurrentUser()?.name ?? "";
    if (!review.status?.allowed) {
      return {
        ok: false,
        message: `Connected to Kubernetes ${version.gitVersion}, but this credential may not list pods in namespace "${namespace}"${review.status?.reason ? `: ${review.status.reason}` : ""}`,
      };
    }
    return { ok: true, serverVersion: version.gitVersion, platform: version.platform, user };
  } catch (error) {
    return { ok: false, message: describeConnectionError(error, server) };
  }
}

function withTimeout<T>(promise: Promise<T>, server: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`No answer from ${server} within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS).unref()),
  ]);
}

export function describeConnectionError(error: unknown, server: string): string {
  const err = error as { code?: number | string; message?: string; cause?: { code?: string; message?: string }; body?: unknown };
  const code = err.cause?.code ?? (typeof err.code === "string" ? err.code : undefined);
  const status = typeof err.code === "number" ? err.code : undefined;
  if (code === "ECONNREFUSED") return `Connection refused by ${server}: is the API server running and the URL right?`;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `The host of ${server} could not be resolved`;
  if (code === "ETIMEDOUT" || code === "UND_ERR_CONNECT_TIMEOUT") return `Connecting to ${server} timed out`;
  if (code && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code))
    return `TLS verification of ${server} failed (${code}): provide the cluster's CA certificate`;
  if (status === 401) return "The API server rejected the credential (401 Unauthorized)";
  if (status === 403) return "The credential is valid but not allowed to do this (403 Forbidden)";
  const message = err.cause?.message ?? err.message ?? String(error);
  return `Could not reach ${server}: ${message.split("\n")[0]}`;
}
