// What the numbers were measured on, stored with every result file.
import { cpus, totalmem, release, platform } from "node:os";
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export type MachineDescription = {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  node: string;
  kubectl: string | null;
  kubeApiserver: string | null;
  helm: string | null;
  loadAverageAtStart: number[];
};

export async function describeMachine(binDir: string | null, kubeconfigPath: string | null): Promise<MachineDescription> {
  const version = async (file: string, args: string[]) => {
    try {
      const { stdout } = await run(file, args, { timeout: 15_000 });
      return stdout.trim();
    } catch {
      return null;
    }
  };
  const kubectlJson = binDir && kubeconfigPath ? await version(`${binDir}/kubectl`, ["version", "-o", "json", "--kubeconfig", kubeconfigPath]) : null;
  let kubectl: string | null = null;
  let kubeApiserver: string | null = null;
  try {
    const parsed = kubectlJson ? (JSON.parse(kubectlJson) as { clientVersion?: { gitVersion?: string }; serverVersion?: { gitVersion?: string } }) : undefined;
    kubectl = parsed?.clientVersion?.gitVersion ?? null;
    kubeApiserver = parsed?.serverVersion?.gitVersion ?? null;
  } catch {
    /* version output not JSON: leave unknown */
  }
  const { loadavg } = await import("node:os");
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()}`,
    node: process.version,
    kubectl,
    kubeApiserver,
    helm: binDir ? await version(`${binDir}/helm`, ["version", "--short"]) : null,
    loadAverageAtStart: loadavg().map((v) => Math.round(v * 100) / 100),
  };
}
