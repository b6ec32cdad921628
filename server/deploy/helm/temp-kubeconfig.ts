// Helm needs a kubeconfig file. It holds the target's credential, so it is written readable by
// the server's user only, into the step's temporary work directory (removed after the step).
import { randomBytes } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { KubeConfig } from "@kubernetes/client-node";

export async function writeTempKubeconfig(kubeConfig: KubeConfig, dir: string): Promise<string> {
  const path = join(dir, `kubeconfig-${randomBytes(4).toString("hex")}.yaml`);
  // flag "wx": never follow or overwrite an existing file.
  await writeFile(path, kubeConfig.exportConfig(), { mode: 0o600, flag: "wx" });
  return path;
}
