// A start-up pass: YAML steps and release copies stored before Secret values were sealed hold
// those values in clear. Each such row is rewritten with its values sealed (idempotent: a sealed
// row is skipped). A row that cannot be sealed safely stays as it is; every read redacts it.
// A completed pass is remembered in a server setting, so later starts do not read every step again:
// rows saved since then are sealed at save.
import type { Database } from "../store/database.ts";
import type { Sealer } from "../security/credentials.ts";
import type { Logger } from "../logging.ts";
import { sealLegacyYamlConfig } from "./yaml-secret-values.ts";

type Config = Parameters<typeof sealLegacyYamlConfig>[0];

const DONE_KEY = "migrations.yamlSecretValuesSealed";

export async function sealLegacyYamlSteps(db: Database, sealer: Sealer, log: Logger): Promise<{ steps: number; releaseSteps: number }> {
  if (await db.serverSetting.findUnique({ where: { key: DONE_KEY } })) return { steps: 0, releaseSteps: 0 };
  const steps = await db.step.findMany({ where: { type: "kubernetes-yaml" }, select: { id: true, config: true } });
  let sealedSteps = 0;
  for (const step of steps) {
    const sealed = sealLegacyYamlConfig(step.config as Config, sealer);
    if (!sealed) continue;
    await db.step.update({ where: { id: step.id }, data: { config: sealed as object } });
    sealedSteps++;
  }
  const copies = await db.releaseStep.findMany({ where: { type: "kubernetes-yaml" }, select: { id: true, config: true } });
  let sealedCopies = 0;
  for (const copy of copies) {
    const sealed = sealLegacyYamlConfig(copy.config as Config, sealer);
    if (!sealed) continue;
    // A release copy is frozen in meaning, not in bytes: the same values, sealed.
    await db.releaseStep.update({ where: { id: copy.id }, data: { config: sealed as object } });
    sealedCopies++;
  }
  await db.serverSetting.upsert({ where: { key: DONE_KEY }, create: { key: DONE_KEY, value: "true" }, update: { value: "true" } });
  if (sealedSteps || sealedCopies) log.info({ steps: sealedSteps, releaseSteps: sealedCopies }, "sealed Secret values of YAML steps stored before sealing");
  return { steps: sealedSteps, releaseSteps: sealedCopies };
}
