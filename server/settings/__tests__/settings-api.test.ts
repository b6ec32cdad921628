// Server settings through the route handlers: environment defaults until an administrator saves,
// field errors for bad entries, administrators only; and the save-time half of the server path
// rule on steps (create, update, process import), with symlinks and ".." resolved.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDatabase, testProviders, type TestDatabase } from "../../testing/test-database.ts";
import { call, installTestContext } from "../../testing/test-context.ts";
import { validStep } from "../../contracts/__tests__/step-builders.ts";
import { PROCESS_DOCUMENT_KIND } from "../../contracts/process-document.ts";
import * as settings from "../../../app/api/settings/route.ts";
import * as projects from "../../../app/api/projects/route.ts";
import * as steps from "../../../app/api/projects/[projectId]/steps/route.ts";
import * as step from "../../../app/api/projects/[projectId]/steps/[stepId]/route.ts";
import * as importRoute from "../../../app/api/projects/[projectId]/process/import/route.ts";

const VARIABLES = ["KDEPLOY_ALLOWED_EXEC_COMMANDS", "KDEPLOY_SERVER_PATH_ROOTS"] as const;

for (const provider of testProviders()) {
  describe(`server settings on ${provider}`, () => {
    let database: TestDatabase;
    let disk: string;
    let root: string;
    const saved: Record<string, string | undefined> = {};
    before(async () => {
      for (const name of VARIABLES) saved[name] = process.env[name];
      database = await createTestDatabase(provider);
      installTestContext(database);
      // root/charts/web (a chart), root/escape → outside/, root/file (not a directory)
      disk = mkdtempSync(join(tmpdir(), "kdeploy-settings-"));
      root = join(disk, "root");
      mkdirSync(join(root, "charts", "web"), { recursive: true });
      mkdirSync(join(disk, "outside"));
      symlinkSync(join(disk, "outside"), join(root, "escape"));
      writeFileSync(join(root, "file"), "");
    });
    after(async () => {
      for (const name of VARIABLES) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
      await database.cleanup();
      rmSync(disk, { recursive: true, force: true });
    });

    const put = (body: unknown, as?: "release-manager") => call(settings.PUT, { method: "PUT", body, ...(as ? { as } : {}) });

    test("unset settings come from the environment (colon or comma separated)", async () => {
      process.env.KDEPLOY_ALLOWED_EXEC_COMMANDS = "/usr/bin/aws:/usr/local/bin/gke-gcloud-auth-plugin, kubelogin";
      process.env.KDEPLOY_SERVER_PATH_ROOTS = `${root},`;
      const response = await call(settings.GET);
      assert.equal(response.status, 200, response.text);
      assert.deepEqual(response.json, {
        allowedExecCommands: ["/usr/bin/aws", "/usr/local/bin/gke-gcloud-auth-plugin", "kubelogin"],
        serverPathRoots: [root],
        sources: {
          allowedExecCommands: { source: "environment", variable: "KDEPLOY_ALLOWED_EXEC_COMMANDS" },
          serverPathRoots: { source: "environment", variable: "KDEPLOY_SERVER_PATH_ROOTS" },
        },
      });
    });

    test("bad entries get field errors naming the entry; nothing is saved", async () => {
      const response = await put({
        allowedExecCommands: ["/usr/bin/aws", "  ", "/usr/bin/aws"],
        serverPathRoots: ["charts", join(disk, "missing"), join(root, "file"), `${root}/../root`],
      });
      assert.equal(response.status, 422, response.text);
      assert.deepEqual(response.json.issues, [
        { path: "allowedExecCommands.1", message: "Enter a command, or remove the empty line" },
        { path: "serverPathRoots.0", message: "Use an absolute path (starting with /)" },
        { path: "serverPathRoots.3", message: "Write the directory without '..'" },
      ]);
      const onDisk = await put({ allowedExecCommands: ["/usr/bin/aws", "/usr/bin/aws"], serverPathRoots: [join(disk, "missing"), join(root, "file")] });
      assert.equal(onDisk.status, 422, onDisk.text);
      assert.deepEqual(onDisk.json.issues, [
        { path: "allowedExecCommands.1", message: "/usr/bin/aws is listed twice" },
        { path: "serverPathRoots.0", message: `${join(disk, "missing")} does not exist on this server` },
        { path: "serverPathRoots.1", message: `${join(root, "file")} is not a directory` },
      ]);
      assert.equal(await database.db.serverSetting.count(), 0);
    });

    test("administrators only", async () => {
      assert.equal((await put({ allowedExecCommands: [], serverPathRoots: [] }, "release-manager")).status, 403);
      assert.equal((await call(settings.GET, { as: "auditor" })).status, 403);
      assert.equal((await call(settings.GET, { as: "anonymous" })).status, 401);
    });

    test("saved settings win over the environment, an empty list included", async () => {
      process.env.KDEPLOY_ALLOWED_EXEC_COMMANDS = "/usr/bin/aws";
      const response = await put({ allowedExecCommands: [], serverPathRoots: [` ${root} `] });
      assert.equal(response.status, 200, response.text);
      assert.deepEqual(response.json.allowedExecCommands, []);
      assert.deepEqual(response.json.serverPathRoots, [root], "trimmed");
      assert.equal(response.json.sources.allowedExecCommands.source, "setting");
      assert.match(response.json.sources.serverPathRoots.updatedBy, /^admin-.*@test\.kdeploy\.dev$/);
      assert.deepEqual((await call(settings.GET)).json.allowedExecCommands, []);
    });

    describe("server paths in steps", () => {
      let projectId: string;
      before(async () => {
        process.env.KDEPLOY_SERVER_PATH_ROOTS = "";
        assert.equal((await put({ allowedExecCommands: [], serverPathRoots: [root] })).status, 200);
        projectId = (await call(projects.POST, { body: { name: `paths-${Math.random().toString(36).slice(2, 8)}` } })).json.id;
      });
      const helmAt = (path: string, name = "chart") => validStep("helm-chart", { name, config: { chart: { source: "path", path }, releaseName: "web" } });
      const kustomizeAt = (path: string) => validStep("kustomize", { name: "kustomize", config: { source: "path", path } });

      test("a path under a root is saved; outside, through '..' or through a symlink it is a field error", async () => {
        const inside = await call(steps.POST, { params: { projectId }, body: helmAt(join(root, "charts", "web")) });
        assert.equal(inside.status, 201, inside.text);
        const notYet = await call(steps.POST, { params: { projectId }, body: helmAt(join(root, "charts", "later"), "later") });
        assert.equal(notYet.status, 201, "a path under a root that does not exist yet is accepted at save");

        const cases = [
          ["/etc", `/etc is not under a server path root an administrator allowed (${root})`],
          [`${root}/../outside`, `${root}/../outside is not under a server path root an administrator allowed (${root})`],
          [
            join(root, "escape"),
            `${join(root, "escape")} resolves to ${join(disk, "outside")}, which is not under a server path root an administrator allowed (${root})`,
          ],
        ] as const;
        for (const [path, message] of cases) {
          const response = await call(steps.POST, { params: { projectId }, body: helmAt(path, `refused-${Math.random()}`.slice(0, 20)) });
          assert.equal(response.status, 422, response.text);
          assert.deepEqual(response.json.issues, [{ path: "config.chart.path", message }]);
        }
        const kustomize = await call(steps.POST, { params: { projectId }, body: kustomizeAt(join(root, "escape")) });
        assert.equal(kustomize.status, 422);
        assert.equal(kustomize.json.issues[0].path, "config.path");
      });

      test("an update and a process import are checked the same way", async () => {
        const created = await call(steps.POST, { params: { projectId }, body: helmAt(join(root, "charts", "web"), "update-me") });
        assert.equal(created.status, 201, created.text);
        const updated = await call(step.PUT, {
          method: "PUT",
          params: { projectId, stepId: created.json.id },
          body: { ...helmAt("/etc", "update-me"), expectedVersion: 1 },
        });
        assert.equal(updated.status, 422, updated.text);
        assert.equal(updated.json.issues[0].path, "config.chart.path");

        const content = JSON.stringify({
          kind: PROCESS_DOCUMENT_KIND,
          formatVersion: 1,
          project: { name: "x" },
          steps: [validStep("configmap"), kustomizeAt("/etc")],
        });
        const imported = await call(importRoute.POST, { params: { projectId }, body: { content } });
        assert.equal(imported.status, 422, imported.text);
        assert.deepEqual(imported.json.issues, [
          { path: "steps.1.config.path", message: `Step "kustomize": /etc is not under a server path root an administrator allowed (${root})` },
        ]);
      });

      test("without any root, no server path can be saved", async () => {
        assert.equal((await put({ allowedExecCommands: [], serverPathRoots: [] })).status, 200);
        const response = await call(steps.POST, { params: { projectId }, body: helmAt(join(root, "charts", "web"), "no-roots") });
        assert.equal(response.status, 422);
        assert.match(response.json.issues[0].message, /no administrator has configured a server path root/);
      });
    });
  });
}
