// The kubeconfig policy in force: the exec commands an administrator allowed (Settings).
import type { KubeconfigPolicy } from "../kube/kubeconfig-policy.ts";
import type { Database } from "../store/database.ts";
import { readServerSettings } from "./server-settings.ts";

export async function kubeconfigPolicy(db: Database): Promise<KubeconfigPolicy> {
  return { allowedExecCommands: (await readServerSettings(db)).allowedExecCommands };
}
