// Server-side apply of one object. Decisions:
// - fieldValidation=Strict: an unknown or duplicated field (a typo such as `replcas`) fails the
//   apply with the server's message instead of being dropped silently.
// - force=false: a field owned by another manager is a 409 the user must resolve, never taken over.
// - A GET before the apply tells "unchanged" (same resourceVersion after) from "configured"; when
//   the credential may not read, the line just says "applied".
import { ApplyError } from "./apply-error.ts";
import type { AppliedObject } from "./applied-object.ts";
import { applyErrorFromResponse } from "./describe-api-error.ts";
import { objectPath, type Discovery } from "./discovery.ts";
import type { KubeHttp, KubeResponse } from "../../kube/http.ts";
import { sanitizeObject } from "../../kube/sanitize.ts";
import type { KubeObject } from "../render/form-objects.ts";

type LiveMetadata = { uid?: string; resourceVersion?: string; generation?: number; namespace?: string; name?: string };

export async function applyObject(
  http: KubeHttp,
  discovery: Discovery,
  object: KubeObject,
  options: { defaultNamespace: string; fieldManager: string; onLog: (line: string) => void },
): Promise<AppliedObject> {
  const resource = await discovery.find(object.apiVersion, object.kind);
  if (!resource) {
    throw new ApplyError(
      `Could not apply ${object.kind}/${object.metadata.name}: the cluster does not know kind ${object.kind} in apiVersion ${object.apiVersion} (is its CustomResourceDefinition installed, or is the apiVersion misspelled?)`,
      {
        httpStatus: 404,
        reason: "NotFound",
        object: `${object.kind}/${object.metadata.name}`,
      },
    );
  }
  const namespace = resource.namespaced ? object.metadata.namespace || options.defaultNamespace : undefined;
  const { namespace: _ignored, ...metadataWithoutNamespace } = object.metadata;
  const manifest: KubeObject = { ...object, metadata: namespace ? { ...metadataWithoutNamespace, namespace } : metadataWithoutNamespace };
  const label = `${object.kind} ${namespace ? `${namespace}/` : ""}${object.metadata.name}`;
  const path = objectPath(resource, object.metadata.name, namespace);

  const before = await send(http, { method: "GET", path }, label);
  const previousVersion = before.status === 200 ? (before.body as { metadata?: LiveMetadata }).metadata?.resourceVersion : undefined;
  const query = new URLSearchParams({ fieldManager: options.fieldManager, force: "false", fieldValidation: "Strict" });
  // JSON is YAML, so the apply-patch+yaml content type takes the JSON body as it is.
  const response = await send(
    http,
    { method: "PATCH", path: `${path}?${query}`, body: JSON.stringify(manifest), contentType: "application/apply-patch+yaml" },
    label,
  );
  if (response.status !== 200 && response.status !== 201) throw applyErrorFromResponse(response, label);

  const live = response.body as KubeObject;
  const metadata = live.metadata as LiveMetadata;
  const outcome =
    response.status === 201 ? "created" : previousVersion === undefined ? "applied" : previousVersion === metadata.resourceVersion ? "unchanged" : "configured";
  options.onLog(`Applied ${label} (${outcome})`);
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    name: object.metadata.name,
    ...(namespace ? { namespace } : {}),
    uid: metadata.uid ?? "",
    ...(metadata.generation !== undefined ? { generation: metadata.generation } : {}),
    resource,
    manifest: sanitizeObject(manifest),
    live: sanitizeObject(live),
  };
}

async function send(http: KubeHttp, request: Parameters<KubeHttp>[0], label: string): Promise<KubeResponse> {
  try {
    return await http(request);
  } catch (error) {
    throw new ApplyError(`Could not apply ${label}: the API server could not be reached (${(error as Error).message})`, { object: label });
  }
}
