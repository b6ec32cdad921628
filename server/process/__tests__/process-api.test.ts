// The configuration side through the real route handlers, on SQLite and (when configured)
// PostgreSQL: validation, 404/409, atomic saves, releases frozen, import of legacy steps.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, testProviders, type TestDatabase } from "../../testing/test-database.ts";
import { call, installTestContext } from "../../testing/test-context.ts";
import { validStep } from "../../contracts/__tests__/step-builders.ts";
import * as projects from "../../../app/api/projects/route.ts";
import * as project from "../../../app/api/projects/[projectId]/route.ts";
import * as steps from "../../../app/api/projects/[projectId]/steps/route.ts";
import * as step from "../../../app/api/projects/[projectId]/steps/[stepId]/route.ts";
import * as stepOrder from "../../../app/api/projects/[projectId]/steps/order/route.ts";
import * as releases from "../../../app/api/projects/[projectId]/releases/route.ts";
import * as release from "../../../app/api/releases/[releaseId]/route.ts";
import * as exportRoute from "../../../app/api/projects/[projectId]/process/export/route.ts";
import * as importRoute from "../../../app/api/projects/[projectId]/process/import/route.ts";
import * as preview from "../../../app/api/steps/preview/route.ts";

for (const provider of testProviders()) {
  describe(`process API on ${provider}`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await createTestDatabase(provider);
      installTestContext(database);
    });
    after(async () => database.cleanup());

    const newProject = async (name = `Shop ${Math.random().toString(36).slice(2, 8)}`) => {
      const response = await call(projects.POST, { body: { name } });
      assert.equal(response.status, 201, response.text);
      return response.json as { id: string; slug: string };
    };
    const addStep = async (projectId: string, body: unknown) => call(steps.POST, { params: { projectId }, body });

    test("creates a project with a slug and lists it", async () => {
      const created = await newProject("Web Shop!");
      assert.match(created.slug, /^web-shop/);
      const list = await call(projects.GET);
      assert.ok((list.json as { id: string }[]).some((p) => p.id === created.id));
      const invalid = await call(projects.POST, { body: { name: "" } });
      assert.equal(invalid.status, 422);
      assert.deepEqual(invalid.json.issues, [{ path: "name", message: "Name is required" }]);
    });

    test("unknown ids give 404", async () => {
      assert.equal((await call(project.GET, { params: { projectId: "missing" } })).status, 404);
      assert.equal((await call(step.GET, { params: { projectId: "missing", stepId: "x" } })).status, 404);
      assert.equal((await call(release.GET, { params: { releaseId: "missing" } })).status, 404);
      assert.equal((await addStep("missing", validStep("configmap"))).status, 404);
    });

    test("invalid step input gets 422 with field paths and nothing is saved", async () => {
      const { id } = await newProject();
      const response = await addStep(id, validStep("service", { config: { name: "web", selector: [], ports: [{ port: 99999 }] } }));
      assert.equal(response.status, 422);
      assert.deepEqual(response.json.issues.map((issue: { path: string }) => issue.path).sort(), ["config.ports.0.port", "config.selector"]);
      assert.equal(await database.db.step.count({ where: { projectId: id } }), 0);
      const before = await database.db.project.findUniqueOrThrow({ where: { id } });
      assert.equal(before.processVersion, 0, "a refused save does not touch the process");
    });

    test("malformed JSON is a 400, an oversized body a 413", async () => {
      const { id } = await newProject();
      assert.equal((await call(steps.POST, { params: { projectId: id }, rawBody: "{not json" })).status, 400);
      const huge = JSON.stringify(validStep("configmap", { config: { name: "x", data: [{ key: "a", value: "x".repeat(17 * 1024 * 1024) }] } }));
      const response = await call(steps.POST, { params: { projectId: id }, rawBody: huge });
      assert.equal(response.status, 413);
      assert.match(response.json.message, /larger than 16 MiB/);
    });

    test("duplicate step names are a field error", async () => {
      const { id } = await newProject();
      assert.equal((await addStep(id, validStep("configmap", { name: "Config" }))).status, 201);
      const clash = await addStep(id, validStep("secret", { name: "Config" }));
      assert.equal(clash.status, 422);
      assert.equal(clash.json.issues[0].path, "name");
    });

    test("concurrent edits: a stale version gets 409 and does not overwrite", async () => {
      const { id } = await newProject();
      const created = (await addStep(id, validStep("configmap"))).json as { id: string; version: number };
      const edit = (value: string, expectedVersion: number) =>
        call(step.PUT, {
          method: "PUT",
          params: { projectId: id, stepId: created.id },
          body: { ...validStep("configmap", { config: { name: "settings", data: [{ key: "K", value }] } }), expectedVersion },
        });
      const first = await edit("first", 1);
      assert.equal(first.status, 200, first.text);
      assert.equal(first.json.version, 2);
      const second = await edit("second", 1);
      assert.equal(second.status, 409);
      assert.match(second.json.message, /changed by someone else/);
      const stored = (await call(step.GET, { params: { projectId: id, stepId: created.id } })).json;
      assert.equal(stored.config.data[0].value, "first");
    });

    test("a step's type cannot change on update", async () => {
      const { id } = await newProject();
      const created = (await addStep(id, validStep("configmap"))).json as { id: string };
      const response = await call(step.PUT, {
        method: "PUT",
        params: { projectId: id, stepId: created.id },
        body: { ...validStep("service"), expectedVersion: 1 },
      });
      assert.equal(response.status, 422);
      assert.equal(response.json.issues[0].path, "type");
    });

    test("secret values are sealed at rest, never returned, and kept when left empty", async () => {
      const { id } = await newProject();
      const created = await addStep(id, validStep("secret", { config: { name: "db", data: [{ key: "password", value: "hunter2-secret" }] } }));
      assert.equal(created.status, 201, created.text);
      assert.ok(!created.text.includes("hunter2-secret"));
      assert.deepEqual(created.json.config.data, [{ key: "password", hasValue: true }]);
      const row = await database.db.step.findUniqueOrThrow({ where: { id: created.json.id } });
      assert.ok(!JSON.stringify(row).includes("hunter2-secret"), "stored sealed");
      // Update without a value keeps it; a new key without a value is a field error.
      const keep = await call(step.PUT, {
        method: "PUT",
        params: { projectId: id, stepId: created.json.id },
        body: { ...validStep("secret", { config: { name: "db", data: [{ key: "password" }] } }), expectedVersion: 1 },
      });
      assert.equal(keep.status, 200, keep.text);
      const after = await database.db.step.findUniqueOrThrow({ where: { id: created.json.id } });
      assert.deepEqual(after.config, row.config, "the sealed value is kept");
      const missing = await call(step.PUT, {
        method: "PUT",
        params: { projectId: id, stepId: created.json.id },
        body: { ...validStep("secret", { config: { name: "db", data: [{ key: "password" }, { key: "token" }] } }), expectedVersion: 2 },
      });
      assert.equal(missing.status, 422);
      assert.deepEqual(missing.json.issues, [{ path: "config.data.1.value", message: "Enter a value for this key" }]);
      const listed = await call(steps.GET, { params: { projectId: id } });
      assert.ok(!listed.text.includes("hunter2-secret") && !listed.text.includes("sealedValue"));
    });

    test("Secret values in a YAML step are sealed at rest and shown as <redacted> by every read: step, list, release, export, preview", async () => {
      const { id } = await newProject();
      const marker = `yaml-secret-${Math.random().toString(36).slice(2)}`;
      const yaml = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db # keep this comment\nstringData:\n  password: ${marker}\n`;
      const created = await addStep(id, validStep("kubernetes-yaml", { name: "Manifests", config: { source: "inline", yaml } }));
      assert.equal(created.status, 201, created.text);
      assert.equal(created.json.config.yaml, yaml.replace(marker, "<redacted>"), "comments and layout survive");
      assert.equal(created.json.config.sealedValues, undefined, "sealed values are never sent");
      const row = await database.db.step.findUniqueOrThrow({ where: { id: created.json.id } });
      assert.ok(!JSON.stringify(row).includes(marker), "the row holds no clear value");
      const released = await call(releases.POST, { params: { projectId: id }, body: {} });
      const copy = await database.db.releaseStep.findFirstOrThrow({ where: { releaseId: released.json.id } });
      assert.ok(!JSON.stringify(copy).includes(marker), "the release copy holds no clear value");
      assert.ok(JSON.stringify(copy.config).includes("sealedValue"), "the release copy holds the sealed value, for its deployments");
      const reads = [
        released,
        await call(step.GET, { params: { projectId: id, stepId: created.json.id } }),
        await call(steps.GET, { params: { projectId: id } }),
        await call(release.GET, { params: { releaseId: released.json.id } }),
        await call(exportRoute.GET, { url: "http://127.0.0.1/x?format=yaml", params: { projectId: id } }),
        await call(exportRoute.GET, { url: "http://127.0.0.1/x?format=json", params: { projectId: id } }),
        await call(preview.POST, { body: validStep("kubernetes-yaml", { config: { source: "inline", yaml } }) }),
      ];
      for (const response of reads) {
        assert.ok(response.status < 300, response.text);
        assert.ok(!response.text.includes(marker) && !response.text.includes("sealedValue"), response.text);
        assert.match(response.text, /password: <redacted>/);
      }
    });

    test("a YAML step saved again keeps <redacted> values, seals changed ones, refuses renamed ones", async () => {
      const { id } = await newProject();
      const yaml = "apiVersion: v1\nkind: Secret\nmetadata: { name: db }\nstringData:\n  user: first-user\n  password: first-pass\n";
      const created = (await addStep(id, validStep("kubernetes-yaml", { name: "Manifests", config: { source: "inline", yaml } }))).json;
      const put = (text: string, expectedVersion: number) =>
        call(step.PUT, {
          method: "PUT",
          params: { projectId: id, stepId: created.id },
          body: { ...validStep("kubernetes-yaml", { name: "Manifests", config: { source: "inline", yaml: text } }), expectedVersion },
        });
      const sealedOf = async () => {
        const stored = (await database.db.step.findUniqueOrThrow({ where: { id: created.id } })).config as {
          sealedValues: { key: string; sealedValue: string }[];
        };
        return Object.fromEntries(stored.sealedValues.map((entry) => [entry.key, entry.sealedValue]));
      };
      const before = await sealedOf();
      const kept = await put((created.config.yaml as string).replace("user: <redacted>", "user: second-user"), 1);
      assert.equal(kept.status, 200, kept.text);
      const after = await sealedOf();
      assert.equal(after.password, before.password, "untouched <redacted> keeps the stored value");
      assert.notEqual(after.user, before.user, "a changed value is sealed anew");
      const renamed = await put((kept.json.config.yaml as string).replace("password:", "passphrase:"), 2);
      assert.equal(renamed.status, 422);
      assert.deepEqual(renamed.json.issues, [
        { path: "config.yaml", message: "The value of key passphrase in Secret db was redacted and has no stored value; type it again" },
      ]);
    });

    test("importing an exported YAML step keeps its sealed values in the same project and names each missing value elsewhere", async () => {
      const { id } = await newProject();
      const yaml = "apiVersion: v1\nkind: Secret\nmetadata: { name: Creds }\nstringData: { API_KEY: the-key }\n";
      await addStep(id, validStep("kubernetes-yaml", { name: "Manifests", config: { source: "inline", yaml } }));
      const exported = await call(exportRoute.GET, { url: "http://127.0.0.1/x?format=yaml", params: { projectId: id } });
      const imported = await call(importRoute.POST, { params: { projectId: id }, body: { content: exported.text } });
      assert.equal(imported.status, 201, imported.text);
      const stored = (await database.db.step.findFirstOrThrow({ where: { projectId: id } })).config as { sealedValues: unknown[] };
      assert.equal(stored.sealedValues.length, 1, "the stored value was kept");
      const other = await newProject();
      const refused = await call(importRoute.POST, { params: { projectId: other.id }, body: { content: exported.text } });
      assert.equal(refused.status, 422);
      assert.deepEqual(refused.json.issues, [
        {
          path: "steps.0.config.yaml",
          message:
            'Step "Manifests": secret values are not exported; the value of key API_KEY in Secret Creds was redacted and has no stored value; type it again',
        },
      ]);
    });

    test("reorder needs every step once and the current process version", async () => {
      const { id } = await newProject();
      const a = (await addStep(id, validStep("configmap", { name: "A" }))).json.id as string;
      const b = (await addStep(id, validStep("service", { name: "B" }))).json.id as string;
      const version = (await call(project.GET, { params: { projectId: id } })).json.processVersion as number;
      const bad = await call(stepOrder.PUT, { method: "PUT", params: { projectId: id }, body: { stepIds: [b], expectedProcessVersion: version } });
      assert.equal(bad.status, 422);
      const ok = await call(stepOrder.PUT, { method: "PUT", params: { projectId: id }, body: { stepIds: [b, a], expectedProcessVersion: version } });
      assert.equal(ok.status, 200, ok.text);
      assert.deepEqual(
        (ok.json as { name: string }[]).map((s) => s.name),
        ["B", "A"],
      );
      const stale = await call(stepOrder.PUT, { method: "PUT", params: { projectId: id }, body: { stepIds: [a, b], expectedProcessVersion: version } });
      assert.equal(stale.status, 409);
    });

    test("a release freezes the process; later edits change only future releases", async () => {
      const { id } = await newProject();
      const created = (await addStep(id, validStep("configmap", { config: { name: "settings", data: [{ key: "LEVEL", value: "v1" }] } }))).json;
      const r1 = await call(releases.POST, { params: { projectId: id }, body: {} });
      assert.equal(r1.status, 201, r1.text);
      assert.equal(r1.json.version, "0.0.1");
      await call(step.PUT, {
        method: "PUT",
        params: { projectId: id, stepId: created.id },
        body: {
          ...validStep("configmap", { config: { name: "settings", data: [{ key: "LEVEL", value: "v2" }] }, verification: { enabled: false } }),
          expectedVersion: 1,
        },
      });
      assert.equal((await call(project.GET, { params: { projectId: id } })).json.hasUnreleasedChanges, true);
      const frozen = (await call(release.GET, { params: { releaseId: r1.json.id } })).json;
      assert.equal(frozen.steps[0].config.data[0].value, "v1");
      assert.equal(frozen.steps[0].verification.enabled, true);
      const r2 = await call(releases.POST, { params: { projectId: id }, body: {} });
      assert.equal(r2.json.version, "0.0.2");
      assert.equal(r2.json.steps[0].config.data[0].value, "v2");
      assert.equal((await call(project.GET, { params: { projectId: id } })).json.hasUnreleasedChanges, false);
      const duplicate = await call(releases.POST, { params: { projectId: id }, body: { version: "0.0.2" } });
      assert.equal(duplicate.status, 422);
      assert.equal(duplicate.json.issues[0].path, "version");
      const badVersion = await call(releases.POST, { params: { projectId: id }, body: { version: "v1" } });
      assert.equal(badVersion.status, 422);
    });

    test("a release of an empty process is refused", async () => {
      const { id } = await newProject();
      const response = await call(releases.POST, { params: { projectId: id }, body: {} });
      assert.equal(response.status, 422);
      assert.match(response.json.issues[0].message, /no steps/);
    });

    test("export then import round-trips; secret values are not exported but kept on re-import", async () => {
      const { id } = await newProject();
      await addStep(id, validStep("kubernetes-yaml", { name: "Apply" }));
      await addStep(id, validStep("secret", { name: "Creds", config: { name: "creds", data: [{ key: "password", value: "very-secret-1" }] } }));
      for (const format of ["yaml", "json"] as const) {
        const exported = await call(exportRoute.GET, { url: `http://127.0.0.1/x?format=${format}`, params: { projectId: id } });
        assert.equal(exported.status, 200);
        assert.ok(!exported.text.includes("very-secret-1"));
        const imported = await call(importRoute.POST, { params: { projectId: id }, body: { content: exported.text } });
        assert.equal(imported.status, 201, imported.text);
        assert.deepEqual(
          (imported.json as { name: string }[]).map((s) => s.name),
          ["Apply", "Creds"],
        );
      }
      const other = await newProject();
      const exported = await call(exportRoute.GET, { url: "http://127.0.0.1/x?format=yaml", params: { projectId: id } });
      const refused = await call(importRoute.POST, { params: { projectId: other.id }, body: { content: exported.text } });
      assert.equal(refused.status, 422, "a new project has no stored value to keep");
      assert.equal(refused.json.issues[0].path, "steps.1.config.data.0.value");
    });

    test("importing steps without a verification block turns verification off (legacy)", async () => {
      const { id } = await newProject();
      const content = JSON.stringify({
        kind: "kdeploy.dev/DeploymentProcess",
        formatVersion: 1,
        steps: [
          { name: "Old YAML", type: "kubernetes-yaml", config: { yaml: "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n" } },
          { name: "Old Helm", type: "helm-chart", config: { chart: { source: "oci", reference: "oci://r/c" }, releaseName: "c" } },
          { name: "New", type: "configmap", config: { name: "b", data: [{ key: "k", value: "v" }] }, verification: { enabled: true } },
        ],
      });
      const response = await call(importRoute.POST, { params: { projectId: id }, body: { content } });
      assert.equal(response.status, 201, response.text);
      const imported = response.json as { name: string; verification: { enabled: boolean; kind: string } }[];
      assert.deepEqual(
        imported.map((s) => [s.name, s.verification.kind, s.verification.enabled]),
        [
          ["Old YAML", "objectStatus", false],
          ["Old Helm", "helm", false],
          ["New", "objectStatus", true],
        ],
      );
    });

    test("an invalid import is refused whole, with step paths, and leaves the process as it was", async () => {
      const { id } = await newProject();
      await addStep(id, validStep("configmap", { name: "Keep me" }));
      const content = JSON.stringify({
        kind: "kdeploy.dev/DeploymentProcess",
        formatVersion: 1,
        steps: [
          { name: "Fine", type: "configmap", config: { name: "x", data: [{ key: "a", value: "b" }] } },
          { name: "Broken", type: "service", config: { name: "Bad!" } },
        ],
      });
      const response = await call(importRoute.POST, { params: { projectId: id }, body: { content } });
      assert.equal(response.status, 422);
      assert.ok(response.json.issues.every((issue: { path: string }) => issue.path.startsWith("steps.1.")));
      const stepsNow = (await call(steps.GET, { params: { projectId: id } })).json as { name: string }[];
      assert.deepEqual(
        stepsNow.map((s) => s.name),
        ["Keep me"],
      );
      const notProcess = await call(importRoute.POST, { params: { projectId: id }, body: { content: "kind: Something\n" } });
      assert.equal(notProcess.status, 422);
    });

    test("the preview shows the objects a form step applies, with secret values redacted", async () => {
      const response = await call(preview.POST, {
        body: validStep("kubernetes-resources", {
          config: {
            deployment: { name: "web", containers: [{ name: "web", image: "nginx:1.27" }] },
            secret: { enabled: true, data: [{ key: "API_KEY", value: "abc-secret" }] },
            service: { enabled: true, ports: [{ port: 80 }] },
          },
        }),
      });
      assert.equal(response.status, 200, response.text);
      const yaml = response.json.yaml as string;
      assert.match(yaml, /kind: Deployment/);
      assert.match(yaml, /kind: Service/);
      assert.match(yaml, /API_KEY: <redacted>/);
      assert.ok(!yaml.includes("abc-secret"));
    });
  });
}
