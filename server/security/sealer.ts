// The process-wide sealer, created on first use from the app's configuration.
import { loadConfig } from "../config.ts";
import { createSealer, loadOrCreateKey, type Sealer } from "./credentials.ts";

const holder = globalThis as typeof globalThis & { __kdeploySealer?: Sealer };

export function sealer(): Sealer {
  if (!holder.__kdeploySealer) {
    const config = loadConfig();
    holder.__kdeploySealer = createSealer(loadOrCreateKey({ keyFromEnv: config.secretKey, keyFile: config.secretKeyFile }));
  }
  return holder.__kdeploySealer;
}
