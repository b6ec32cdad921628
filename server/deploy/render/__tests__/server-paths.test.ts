// The render-time half of the server path rule: a Helm chart path or a Kustomize directory on
// the server renders only under a configured root (symlinks and ".." resolved), and the tool is
// handed the resolved path; anything else fails the step with a sentence for the task log.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSealer } from "../../../security/credentials.ts";
import { renderStep, RenderError, type RenderContext } from "../index.ts";

let disk: string;
let root: string;
let context: RenderContext;
before(() => {
  disk = mkdtempSync(join(tmpdir(), "kdeploy-render-paths-"));
  root = join(disk, "root");
  mkdirSync(join(root, "charts", "web"), { recursive: true });
  mkdirSync(join(disk, "outside"));
  symlinkSync(join(disk, "outside"), join(root, "escape"));
  symlinkSync(join(root, "charts", "web"), join(root, "current"));
  context = {
    variables: {},
    sealer: createSealer(Buffer.alloc(32, 7)),
    workDir: mkdtempSync(join(disk, "work-")),
    tools: { kubectl: "/nonexistent/kubectl", helm: "/nonexistent/helm" },
    serverPathRoots: [root],
  };
});
after(() => rmSync(disk, { recursive: true, force: true }));

const helm = (path: string, roots = context.serverPathRoots) =>
  renderStep({ type: "helm-chart", config: { chart: { source: "path", path }, releaseName: "web" } }, { ...context, serverPathRoots: roots });
const kustomize = (path: string) => renderStep({ type: "kustomize", config: { source: "path", path } }, context);

async function renderError(rendering: Promise<unknown>): Promise<string> {
  const error = await rendering.then(
    () => assert.fail("rendered"),
    (failure: unknown) => failure,
  );
  assert.ok(error instanceof RenderError, String(error));
  return error.message;
}

test("a chart under a root renders, by its resolved path", async () => {
  const direct = await helm(join(root, "charts", "web"));
  assert.deepEqual(direct.helm?.chart, { source: "path", path: join(root, "charts", "web") });
  const linked = await helm(join(root, "current"));
  assert.deepEqual(linked.helm?.chart, { source: "path", path: join(root, "charts", "web") }, "a link inside the root is followed once, at the check");
});

test("a chart outside the roots, through '..' or through a symlink fails the step", async () => {
  assert.equal(await renderError(helm("/etc")), `The chart path cannot be used: /etc is not under a server path root an administrator allowed (${root})`);
  assert.match(await renderError(helm(`${root}/charts/../../outside`)), /is not under a server path root/);
  assert.equal(
    await renderError(helm(join(root, "escape"))),
    `The chart path cannot be used: ${join(root, "escape")} resolves to ${join(disk, "outside")}, which is not under a server path root an administrator allowed (${root})`,
  );
  assert.equal(
    await renderError(helm(join(root, "charts", "gone"))),
    `The chart path cannot be used: ${join(root, "charts", "gone")} does not exist on this server`,
  );
  assert.match(await renderError(helm(join(root, "charts", "web"), [])), /no administrator has configured a server path root/);
  // A configured root that does not exist holds nothing yet.
  assert.match(await renderError(helm(join(disk, "later", "chart"), [join(disk, "later")])), /later\/chart does not exist on this server$/);
});

test("a Kustomize directory outside the roots fails before kubectl runs", async () => {
  assert.equal(
    await renderError(kustomize(join(root, "escape"))),
    `The Kustomize directory cannot be used: ${join(root, "escape")} resolves to ${join(disk, "outside")}, which is not under a server path root an administrator allowed (${root})`,
  );
});

test("an uploaded chart archive is not a server path (written to the step's work directory)", async () => {
  const archive = Buffer.from([0x1f, 0x8b, 0, 0]).toString("base64");
  const result = await renderStep(
    { type: "helm-chart", config: { chart: { source: "upload", fileName: "web.tgz", archiveBase64: archive }, releaseName: "web" } },
    { ...context, serverPathRoots: [] },
  );
  assert.equal(result.helm?.chart.source, "path");
});
