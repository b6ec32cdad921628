// The start-up pass over YAML steps and release copies stored before Secret values were sealed.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { createTestDatabase, testProviders, type TestDatabase } from "../../testing/test-database.ts";
import { createSealer } from "../../security/credentials.ts";
import { logger } from "../../logging.ts";
import { sealLegacyYamlSteps } from "../seal-legacy-steps.ts";

const marker = `legacy-${randomBytes(6).toString("hex")}`;
const legacyConfig = {
  source: "inline",
  yaml: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: old\nstringData:\n  password: ${marker}\n`,
  files: [],
};

for (const provider of testProviders()) {
  describe(`sealing legacy YAML steps on ${provider}`, () => {
    let database: TestDatabase;
    before(async () => (database = await createTestDatabase(provider)));
    after(async () => database.cleanup());

    test("clear values of steps and release copies are sealed once; the values still unseal to what was written", async () => {
      const { db } = database;
      const sealer = createSealer(randomBytes(32));
      const project = await db.project.create({ data: { slug: `legacy-${marker}`, name: "Legacy" } });
      await db.step.create({ data: { projectId: project.id, position: 0, name: "yaml", type: "kubernetes-yaml", config: legacyConfig, verification: {} } });
      await db.release.create({
        data: {
          projectId: project.id,
          version: "0.0.1",
          processVersion: 1,
          steps: { create: [{ sourceStepId: "x", position: 0, name: "yaml", type: "kubernetes-yaml", enabled: true, config: legacyConfig, verification: {} }] },
        },
      });
      assert.ok(JSON.stringify(await db.step.findMany()).includes(marker), "the row starts in clear");

      assert.deepEqual(await sealLegacyYamlSteps(db, sealer, logger()), { steps: 1, releaseSteps: 1 });
      const rows = [...(await db.step.findMany({ where: { projectId: project.id } })), ...(await db.releaseStep.findMany({ where: { name: "yaml" } }))];
      for (const row of rows) {
        const config = row.config as { yaml: string; sealedValues: { sealedValue: string }[] };
        assert.ok(!JSON.stringify(config).includes(marker));
        assert.match(config.yaml, /password: <redacted>/);
        assert.equal(sealer.unseal(config.sealedValues[0]!.sealedValue), marker);
      }
      assert.deepEqual(await sealLegacyYamlSteps(db, sealer, logger()), { steps: 0, releaseSteps: 0 }, "a second start has nothing to do");
    });
  });
}
