// The Dockerfile cannot be built here (no container engine), so what can be checked without
// building is checked: the stages and their order, a non-root final stage without compilers or
// dev dependencies, every file it copies from the repository exists and is not excluded by
// .dockerignore, what it copies from the build stage is what `next build` and the Prisma
// generator produce, the health check, the data volume, and that the Helm chart agrees with it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse as parseYaml } from "yaml";

const ROOT = resolve(import.meta.dirname, "..");
const read = (path: string) => readFileSync(resolve(ROOT, path), "utf8");

type Instruction = { keyword: string; args: string };
type Stage = { name: string; base: string; instructions: Instruction[] };

/** Instructions per stage; continuation lines joined, comments dropped, ARG defaults substituted in FROM. */
function parseDockerfile(text: string): Stage[] {
  const logical: string[] = [];
  let current = "";
  for (const line of text.split("\n")) {
    if (/^\s*#/.test(line) && current === "") continue;
    if (/\\\s*$/.test(line)) current += line.replace(/\\\s*$/, " ");
    else {
      logical.push((current + line).trim());
      current = "";
    }
  }
  const args = new Map<string, string>();
  const stages: Stage[] = [];
  for (const line of logical.filter(Boolean)) {
    const [, keyword = "", rest = ""] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const upper = keyword.toUpperCase();
    if (upper === "ARG" && stages.length === 0) {
      const [name, value = ""] = rest.split("=");
      args.set(name!, value);
      continue;
    }
    if (upper === "FROM") {
      const [base = "", , name = String(stages.length)] = rest.split(/\s+/);
      stages.push({ name, base: base.replace(/\$\{(\w+)\}/g, (_, arg: string) => args.get(arg) ?? ""), instructions: [] });
      continue;
    }
    stages.at(-1)?.instructions.push({ keyword: upper, args: rest });
  }
  return stages;
}

const dockerfile = parseDockerfile(read("Dockerfile"));
const stage = (name: string) => dockerfile.find((candidate) => candidate.name === name)!;
const final = dockerfile.at(-1)!;
const all = (from: Stage, keyword: string) => from.instructions.filter((instruction) => instruction.keyword === keyword).map((instruction) => instruction.args);
const packageJson = JSON.parse(read("package.json")) as { engines: { node: string }; dependencies: Record<string, string>; scripts: Record<string, string> };

/** `COPY [--from=x] [--chown=…] src… dest` → sources, destination and the stage it reads from. */
function copies(from: Stage) {
  return all(from, "COPY").map((args) => {
    const words = args.split(/\s+/);
    const flags = words.filter((word) => word.startsWith("--"));
    const paths = words.filter((word) => !word.startsWith("--"));
    return { from: flags.find((flag) => flag.startsWith("--from="))?.slice("--from=".length), sources: paths.slice(0, -1), destination: paths.at(-1)! };
  });
}

/** The patterns of .dockerignore (only plain paths and simple globs are used there). */
function ignoredByDockerignore(path: string): boolean {
  const patterns = read(".dockerignore")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
  return patterns.some((pattern) => {
    const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*")}(/|$)`);
    return regex.test(path);
  });
}

test("three build stages, then the runtime: deps → build → tools → runtime", () => {
  assert.deepEqual(
    dockerfile.map((candidate) => candidate.name),
    ["deps", "build", "tools", "runtime"],
  );
  assert.equal(stage("build").base, "deps", "the build starts from the installed dependencies");
});

test("the runtime base image is a Node the package supports, slim, and the same as the stage that built the native modules", () => {
  const [, major] = /^node:(\d+)-[\w-]*slim$/.exec(final.base) ?? [];
  assert.ok(major, `a slim node image: ${final.base}`);
  assert.match(packageJson.engines.node, new RegExp(`>=${major}\\b`), `engines ${packageJson.engines.node} allow node ${major}`);
  assert.equal(stage("deps").base, final.base, "better-sqlite3 and argon2 are built for the image they run in");
});

test("the final stage runs as a numeric non-root user, after every RUN", () => {
  const users = all(final, "USER");
  assert.equal(users.length, 1);
  const [uid, gid] = users[0]!.split(":");
  assert.match(uid!, /^\d+$/, "numeric, so Kubernetes' runAsNonRoot can verify it");
  assert.notEqual(Number(uid), 0);
  assert.notEqual(Number(gid ?? uid), 0);
  const lastRun = final.instructions.map((instruction) => instruction.keyword).lastIndexOf("RUN");
  const userAt = final.instructions.findIndex((instruction) => instruction.keyword === "USER");
  assert.ok(userAt > lastRun, "nothing runs as root after the switch… and nothing after it runs at all");
});

test("no compilers, package managers' installs or dev dependencies in the final image", () => {
  for (const run of all(final, "RUN")) {
    assert.doesNotMatch(run, /apt-get install|apk add|\b(gcc|g\+\+|make|python3|build-essential)\b/, run);
    assert.doesNotMatch(run, /npm (ci|install)/, run);
  }
  assert.ok(
    all(stage("deps"), "RUN").some((run) => /npm ci --omit=dev/.test(run)),
    "deps installs production dependencies only",
  );
  const nodeModules = copies(final).filter((copy) => copy.sources.some((source) => source.includes("node_modules")));
  assert.deepEqual(
    nodeModules.map((copy) => copy.from),
    ["deps"],
    "node_modules comes from the production-only stage, not from the build stage",
  );
  assert.ok(!copies(final).some((copy) => copy.from === undefined && copy.sources.includes(".")), "the runtime never copies the whole context");
  // What the runtime needs at run time is a production dependency.
  for (const runtimePackage of ["tsx", "prisma", "next", "prom-client", "better-sqlite3", "pg"])
    assert.ok(packageJson.dependencies[runtimePackage], runtimePackage);
});

test("every file copied from the repository exists and is not excluded by .dockerignore", () => {
  for (const current of dockerfile) {
    for (const copy of copies(current).filter((candidate) => candidate.from === undefined)) {
      for (const source of copy.sources) {
        if (source === ".") continue;
        assert.ok(existsSync(resolve(ROOT, source)), `${current.name}: ${source} exists`);
        assert.ok(!ignoredByDockerignore(source), `${current.name}: ${source} is in the build context`);
      }
    }
  }
  for (const excluded of ["node_modules", ".next", ".git", "data", ".env", "server/store/generated"]) assert.ok(ignoredByDockerignore(excluded), excluded);
});

test("what the runtime copies from other stages is what they produce (next build, Prisma's generator, the tools)", () => {
  const fromStages = copies(final).filter((copy) => copy.from !== undefined);
  const sources = fromStages.flatMap((copy) => copy.sources.map((source) => `${copy.from}:${source}`));
  assert.deepEqual(sources.sort(), [
    "build:/app/.next",
    "deps:/app/node_modules",
    "deps:/app/server/store/generated",
    "tools:/tools/helm",
    "tools:/tools/kubectl",
  ]);
  // `npm run build` runs `next build` into Next's default folder (next.config.ts: distDir .next
  // unless KDEPLOY_NEXT_DIST_DIR is set, which the Dockerfile does not).
  assert.ok(all(stage("build"), "RUN").some((run) => /npm run build/.test(run)));
  assert.match(packageJson.scripts.build!, /next build/);
  assert.match(read("next.config.ts"), /distDir: process\.env\.KDEPLOY_NEXT_DIST_DIR \?\? "\.next"/);
  assert.ok(!read("Dockerfile").includes("KDEPLOY_NEXT_DIST_DIR"));
  // The generated clients land where the runtime copies them from (prisma/providers.ts).
  assert.match(read("prisma/providers.ts"), /output {10}= "\.\.\/\.\.\/\.\.\/server\/store\/generated\/\$\{provider\}"/);
  assert.ok(
    copies(stage("deps")).some((copy) => copy.sources.includes("prisma")),
    "the generator's input is in the deps stage",
  );
  // The tools stage fetches what it installs and verifies checksums.
  const tools = all(stage("tools"), "RUN").join(" ");
  for (const tool of ["helm", "kubectl"]) assert.match(tools, new RegExp(`${tool}.*sha256`));
  assert.match(tools, /sha256sum -c/);
});

test("health check on /api/health, the data volume is KDEPLOY_DATA_DIR, SIGTERM reaches node", () => {
  const [healthcheck] = all(final, "HEALTHCHECK");
  assert.match(healthcheck!, /\/api\/health/);
  assert.ok(existsSync(resolve(ROOT, "app/api/health/route.ts")));
  const env = all(final, "ENV").join(" ");
  const dataDir = /KDEPLOY_DATA_DIR=(\S+)/.exec(env)?.[1];
  assert.equal(dataDir, "/data");
  assert.deepEqual(JSON.parse(all(final, "VOLUME")[0]!), [dataDir]);
  assert.match(env, /HOST=0\.0\.0\.0/, "reachable from outside the container");
  const command = JSON.parse(all(final, "CMD")[0]!) as string[];
  assert.equal(command[0], "node", "exec form, node as PID 1's child-less process: no npm or shell swallowing SIGTERM");
  assert.ok(command.includes("server/index.ts") && command.includes("tsx"));
});

test("the Helm chart agrees with the image: user, port, working directory", () => {
  const values = parseYaml(read("deploy/helm/kdeploy/values.yaml")) as { podSecurityContext: { runAsUser: number; runAsGroup: number } };
  const [uid, gid] = all(final, "USER")[0]!.split(":").map(Number);
  assert.equal(values.podSecurityContext.runAsUser, uid);
  assert.equal(values.podSecurityContext.runAsGroup, gid);
  const deployment = read("deploy/helm/kdeploy/templates/deployment.yaml");
  assert.match(deployment, new RegExp(`containerPort: ${all(final, "EXPOSE")[0]}`));
  assert.match(deployment, new RegExp(`mountPath: ${all(final, "WORKDIR")[0]}/\\.next/cache`));
});
