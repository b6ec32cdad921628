// Which Helm major version a binary is: Helm 4 changed `--wait` (it takes a strategy), so the
// command line depends on it. Supported: Helm 3.13+ and Helm 4.
import { execFile } from "node:child_process";

export type HelmVersion = { major: 3 | 4; version: string };

export class HelmVersionError extends Error {
  override name = "HelmVersionError";
}

/** Parses `helm version --short` output such as "v3.22.0+g1a2b3c4" or "v4.3.1". */
export function parseHelmVersion(output: string): HelmVersion {
  const match = /v?(\d+)\.(\d+)\.(\d+)([-+][0-9A-Za-z.+-]*)?/.exec(output.trim());
  if (!match) throw new HelmVersionError(`Could not read the Helm version from "${output.trim()}"`);
  const major = Number(match[1]);
  const minor = Number(match[2]);
  const version = match[0].replace(/^v?/, "v");
  if (major === 3 && minor >= 13) return { major: 3, version };
  if (major === 4) return { major: 4, version };
  throw new HelmVersionError(`Helm ${version} is not supported; use Helm 3.13 or later, or Helm 4`);
}

export function detectHelm(helmPath: string): Promise<HelmVersion> {
  return new Promise((resolve, reject) => {
    execFile(helmPath, ["version", "--short"], { timeout: 15_000, encoding: "utf8" }, (error, stdout, stderr) => {
      if (error) return reject(new HelmVersionError(`Could not run ${helmPath} version: ${stderr.trim() || error.message}`));
      try {
        resolve(parseHelmVersion(stdout));
      } catch (parseError) {
        reject(parseError);
      }
    });
  });
}
