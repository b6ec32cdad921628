// The process-wide sealer, created on first use from the app's configuration. A key file is kept
// readable by the server's user only: created 0600 (in a 0700 directory when that is missing too),
// and tightened with a log line when an older start or a copy left it readable by others.
import { loadConfig } from "../config.ts";
import { logger } from "../logging.ts";
import { createSealer, loadOrCreateKey, type Sealer } from "./credentials.ts";
import { privateParentDirectory, tightenIfPresent } from "./private-files.ts";

const holder = globalThis as typeof globalThis & { __kdeploySealer?: Sealer };

export function sealer(): Sealer {
  if (!holder.__kdeploySealer) {
    const config = loadConfig();
    if (!config.secretKey) protectKeyFile(config.secretKeyFile);
    holder.__kdeploySealer = createSealer(loadOrCreateKey({ keyFromEnv: config.secretKey, keyFile: config.secretKeyFile }));
  }
  return holder.__kdeploySealer;
}

export function protectKeyFile(keyFile: string, log = logger()): void {
  privateParentDirectory(keyFile);
  tightenIfPresent(keyFile, log);
}
