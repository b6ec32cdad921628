// After applying CustomResourceDefinitions, the custom resources that follow in the same step can
// only be applied once each CRD is Established and discovery serves its kind. A short bounded
// re-check (not a watch): it normally takes well under a second, and it runs once per step.
import { ApplyError } from "./apply-error.ts";
import type { Discovery } from "./discovery.ts";
import type { KubeHttp } from "../../kube/http.ts";
import type { KubeObject } from "../render/form-objects.ts";

const CRD_WAIT_MS = 30_000;
const RECHECK_MS = 250;

type CrdStatus = {
  spec?: { group?: string; names?: { kind?: string }; versions?: { name: string; served?: boolean }[] };
  status?: { conditions?: { type: string; status: string; reason?: string; message?: string }[] };
};

export async function waitForCrdsEstablished(
  http: KubeHttp,
  discovery: Discovery,
  crds: KubeObject[],
  onLog: (line: string) => void,
  waitMs = CRD_WAIT_MS,
): Promise<void> {
  if (crds.length === 0) return;
  const deadline = Date.now() + waitMs;
  const pending = new Set(crds.map((crd) => crd.metadata.name));
  while (pending.size > 0) {
    for (const name of [...pending]) {
      if (await isReady(http, discovery, name)) pending.delete(name);
    }
    if (pending.size === 0) break;
    if (Date.now() > deadline) {
      throw new ApplyError(
        `CustomResourceDefinition ${[...pending].join(", ")} did not become Established within ${waitMs / 1000} s; the objects that use it were not applied`,
        { object: `CustomResourceDefinition/${[...pending][0]}` },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, RECHECK_MS));
  }
  onLog(`CustomResourceDefinition${crds.length > 1 ? "s" : ""} ${crds.map((crd) => crd.metadata.name).join(", ")} established`);
}

async function isReady(http: KubeHttp, discovery: Discovery, name: string): Promise<boolean> {
  const response = await http({ method: "GET", path: `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${encodeURIComponent(name)}` });
  if (response.status !== 200) return false;
  const crd = response.body as CrdStatus;
  const conditions = crd.status?.conditions ?? [];
  const namesAccepted = conditions.find((condition) => condition.type === "NamesAccepted");
  if (namesAccepted?.status === "False") {
    throw new ApplyError(
      `CustomResourceDefinition ${name} was not accepted (${namesAccepted.reason ?? "NamesAccepted=False"}): ${namesAccepted.message ?? ""}`,
      { object: `CustomResourceDefinition/${name}` },
    );
  }
  if (!conditions.some((condition) => condition.type === "Established" && condition.status === "True")) return false;
  const group = crd.spec?.group;
  const kind = crd.spec?.names?.kind;
  const served = (crd.spec?.versions ?? []).filter((version) => version.served !== false);
  if (!group || !kind) return true;
  for (const version of served) {
    if (!(await discovery.find(`${group}/${version.name}`, kind, { refresh: true }))) return false;
  }
  return true;
}
