// Turns a validated step configuration into what is stored (secret values sealed) and a stored
// configuration into what the browser may see (secret values reduced to keys, or "<redacted>" in
// a YAML step's text).
import type { StepInput, StepType } from "../contracts/steps/index.ts";
import type { Sealer } from "../security/credentials.ts";
import { sealEntries, viewEntries } from "./secret-values.ts";
import { storableYamlConfig, viewableYamlConfig } from "./yaml-secret-values.ts";

type Config = Record<string, unknown>;
type Stored = { key: string; sealedValue: string }[];

export function storableConfig(input: StepInput, previousConfig: Config | undefined, sealer: Sealer): Config {
  if (input.type === "secret") {
    const previous = (previousConfig?.data as Stored | undefined) ?? [];
    return { ...input.config, data: sealEntries(input.config.data, previous, sealer, "config.data") };
  }
  if (input.type === "kubernetes-resources") {
    const previous = ((previousConfig?.secret as { data?: Stored } | undefined)?.data ?? []) as Stored;
    const secret = input.config.secret;
    const data = secret.enabled ? sealEntries(secret.data, previous, sealer, "config.secret.data") : [];
    return { ...input.config, secret: { ...secret, data } };
  }
  if (input.type === "kubernetes-yaml") return storableYamlConfig(input.config, previousConfig, sealer);
  return input.config as Config;
}

export function viewableConfig(type: StepType | string, config: Config): Config {
  if (type === "secret") return { ...config, data: viewEntries((config.data as Stored) ?? []) };
  if (type === "kubernetes-resources") {
    const secret = (config.secret as { data?: Stored } | undefined) ?? { data: [] };
    return { ...config, secret: { ...secret, data: viewEntries(secret.data ?? []) } };
  }
  if (type === "kubernetes-yaml") return viewableYamlConfig(config);
  return config;
}
