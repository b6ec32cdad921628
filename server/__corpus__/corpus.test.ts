// The bad-input corpus (issue 10): every case in ./cases/*.json is sent through the real API route
// handlers as an administrator, on SQLite and (when configured) PostgreSQL. Each must get the
// status it names with an issue at the field path it names (and the line, for YAML); a refused
// request must not write anything; and after each case a normal request still answers. How to
// add a case: ./README.md.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createTestDatabase, testProviders, type TestDatabase } from "../testing/test-database.ts";
import { call, installTestContext, testToken } from "../testing/test-context.ts";
import { validStep, validConfigs } from "../contracts/__tests__/step-builders.ts";
import type { StepType } from "../contracts/steps/index.ts";
import * as projects from "../../app/api/projects/route.ts";
import * as project from "../../app/api/projects/[projectId]/route.ts";
import * as steps from "../../app/api/projects/[projectId]/steps/route.ts";
import * as step from "../../app/api/projects/[projectId]/steps/[stepId]/route.ts";
import * as importRoute from "../../app/api/projects/[projectId]/process/import/route.ts";
import * as releases from "../../app/api/projects/[projectId]/releases/route.ts";
import * as preview from "../../app/api/steps/preview/route.ts";
import * as environments from "../../app/api/environments/route.ts";
import * as environment from "../../app/api/environments/[environmentId]/route.ts";
import * as kubeconfigContexts from "../../app/api/kubeconfig/contexts/route.ts";
import * as users from "../../app/api/users/route.ts";
import * as user from "../../app/api/users/[userId]/route.ts";
import * as groupMappings from "../../app/api/group-mappings/route.ts";
import * as tokens from "../../app/api/tokens/route.ts";
import * as settings from "../../app/api/settings/route.ts";

type Handler = Parameters<typeof call>[0];
type Module = Partial<Record<"GET" | "POST" | "PUT" | "PATCH" | "DELETE", Handler>>;

/** The routes a case may name, as written in the case ("POST /api/projects/:projectId/steps"). */
const ROUTES: Record<string, Module> = {
  "/api/projects": projects,
  "/api/projects/:projectId": project,
  "/api/projects/:projectId/steps": steps,
  "/api/projects/:projectId/steps/:stepId": step,
  "/api/projects/:projectId/process/import": importRoute,
  "/api/projects/:projectId/releases": releases,
  "/api/steps/preview": preview,
  "/api/environments": environments,
  "/api/environments/:environmentId": environment,
  "/api/kubeconfig/contexts": kubeconfigContexts,
  "/api/users": users,
  "/api/users/:userId": user,
  "/api/group-mappings": groupMappings,
  "/api/tokens": tokens,
  "/api/settings": settings,
};

export type CorpusCase = {
  name: string;
  route: string;
  /** Path parameters that replace the fixtures' ids (a project that does not exist). */
  params?: Record<string, string>;
  /** JSON body; see expand() for the $step, $repeat and $concat helpers. */
  body?: unknown;
  /** Sent as is (not JSON-encoded). */
  rawBody?: unknown;
  /** Bytes sent as is, base64-encoded here (for bytes that are not UTF-8). */
  rawBodyBase64?: string;
  expect: {
    status: number;
    /** An issue must have exactly this path ("config.yaml", "config.files.1.content"). */
    path?: string;
    /** A regular expression the issue's message (or the error message) must match. */
    message?: string;
    /** The message must name this line ("line 3"). */
    line?: number;
    /** A field name that must not come back (an unknown field dropped, not stored). */
    absent?: string;
  };
  /** Why the case expects what it does, when that is a decision (kept in the file, not checked). */
  note?: string;
};

const here = dirname(fileURLToPath(import.meta.url));
export function loadCorpus(): { file: string; case: CorpusCase }[] {
  const dir = join(here, "cases");
  return readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .flatMap((file) => (JSON.parse(readFileSync(join(dir, file), "utf8")) as CorpusCase[]).map((entry) => ({ file, case: entry })));
}

/**
 * Expands the helpers a case body may use:
 *   {"$step": "<type>", ...fields, "config": {...}}  a valid step of that type (step-builders.ts),
 *                                                     its config fields replaced by the ones given
 *   {"$repeat": "text", "times": n}                  the text n times
 *   {"$concat": [part, ...]}                          the parts (strings or helpers) joined
 */
let stepCounter = 0;
export function expand(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(expand);
  if (typeof value !== "object" || value === null) return value;
  const object = value as Record<string, unknown>;
  if (typeof object.$repeat === "string") return object.$repeat.repeat(Number(object.times));
  if (Array.isArray(object.$concat)) return object.$concat.map((part) => String(expand(part))).join("");
  if (typeof object.$step === "string") {
    const { $step, config, ...rest } = object;
    const base = validStep($step as StepType, { name: `Corpus step ${++stepCounter}` });
    return {
      ...base,
      ...(expand(rest) as object),
      config: { ...validConfigs[$step as StepType], ...((expand(config) as object | undefined) ?? {}) },
    };
  }
  return Object.fromEntries(Object.entries(object).map(([key, entry]) => [key, expand(entry)]));
}

const cases = loadCorpus();
const CORPUS_BUDGET_MS = 60_000;

for (const provider of testProviders()) {
  describe(`bad-input corpus on ${provider} (${cases.length} cases)`, () => {
    let database: TestDatabase;
    const ids: Record<string, string> = {};
    let started = 0;

    before(async () => {
      database = await createTestDatabase(provider);
      installTestContext(database);
      await testToken("admin"); // the signed-in user exists before the first count
      const created = await call(projects.POST, { body: { name: "Corpus" } });
      assert.equal(created.status, 201, created.text);
      ids.projectId = created.json.id;
      const added = await call(steps.POST, { params: { projectId: ids.projectId! }, body: validStep("configmap", { name: "Existing" }) });
      assert.equal(added.status, 201, added.text);
      ids.stepId = added.json.id;
      const env = await call(environments.POST, {
        body: { name: "corpus", target: { authKind: "token", serverUrl: "https://10.0.0.1:6443", token: "corpus-token-value" } },
      });
      assert.equal(env.status, 201, env.text);
      ids.environmentId = env.json.id;
      const member = await call(users.POST, {
        body: { name: "Member", email: "member@corpus.kdeploy.dev", password: "a-long-enough-password", roles: ["team-member"] },
      });
      assert.equal(member.status, 201, member.text);
      ids.userId = member.json.id;
      started = Date.now();
    });
    after(async () => database.cleanup());

    /** Everything a refused request could have written: row counts and the version counters. */
    const snapshot = async () => {
      const db = database.db;
      const [projectRows, stepRows] = await Promise.all([
        db.project.findMany({ select: { id: true, processVersion: true, name: true } }),
        db.step.findMany({ select: { id: true, version: true, config: true } }),
      ]);
      return {
        projects: projectRows,
        steps: stepRows,
        environments: await db.environment.findMany({ select: { id: true, version: true, name: true, updatedAt: true } }),
        targets: await db.kubernetesTarget.findMany({ select: { id: true, version: true } }),
        releases: await db.release.count(),
        deployments: await db.deployment.count(),
        users: await db.user.findMany({ select: { id: true, updatedAt: true } }),
        accounts: await db.account.findMany({ select: { id: true, updatedAt: true } }),
        apiTokens: await db.apiToken.count(),
        groupMappings: await db.groupRoleMapping.count(),
        settings: await db.serverSetting.count(),
        auditEvents: await db.auditEvent.count(),
      };
    };

    for (const { file, case: entry } of cases) {
      test(`${file}: ${entry.name}`, async () => {
        const [method, pattern] = entry.route.split(" ") as [string, string];
        const handler = ROUTES[pattern]?.[method as keyof Module];
        assert.ok(handler, `unknown route ${entry.route}`);
        const params = Object.fromEntries(
          [...pattern.matchAll(/:(\w+)/g)].map(([, name]) => [name!, entry.params?.[name!] ?? ids[name!] ?? `missing-${name}`]),
        );
        const url = `http://127.0.0.1:3000${pattern.replace(/:(\w+)/g, (_, name: string) => params[name]!)}`;
        const rawBody =
          entry.rawBodyBase64 !== undefined
            ? Buffer.from(entry.rawBodyBase64, "base64")
            : entry.rawBody !== undefined
              ? String(expand(entry.rawBody))
              : entry.body !== undefined
                ? JSON.stringify(expand(entry.body))
                : undefined;
        const rowsBefore = await snapshot();
        const caseStart = Date.now();
        const response = await call(handler, { method, url, params, rawBody, headers: rawBody === undefined ? {} : { "content-type": "application/json" } });
        const caseMs = Date.now() - caseStart;
        const { status, path, message, line } = entry.expect;
        assert.equal(response.status, status, `${entry.route} answered ${response.status}: ${response.text.slice(0, 600)}`);
        const issues = (response.json?.issues ?? []) as { path: string; message: string }[];
        const candidates =
          path === undefined ? [{ path: "", message: String(response.json?.message ?? "") }, ...issues] : issues.filter((issue) => issue.path === path);
        if (path !== undefined) assert.ok(candidates.length > 0, `no issue at ${path}; issues: ${JSON.stringify(issues).slice(0, 600)}`);
        if (message !== undefined) {
          const pattern = new RegExp(message, "i");
          assert.ok(
            candidates.some((issue) => pattern.test(issue.message)),
            `no message matching /${message}/: ${JSON.stringify(candidates).slice(0, 600)}`,
          );
        }
        if (line !== undefined) {
          assert.ok(
            candidates.some((issue) => new RegExp(`\\bline ${line}\\b`).test(issue.message)),
            `no message naming line ${line}: ${JSON.stringify(candidates).slice(0, 600)}`,
          );
        }
        if (entry.expect.absent !== undefined) assert.ok(!response.text.includes(`"${entry.expect.absent}"`), `${entry.expect.absent} came back`);
        if (status >= 400) assert.deepEqual(await snapshot(), rowsBefore, "a refused request wrote to the database");
        assert.ok(caseMs < 5_000, `the case took ${caseMs} ms`);
        // The server is still responsive.
        const health = await call(projects.GET);
        assert.equal(health.status, 200, health.text);
        assert.ok(Date.now() - started < CORPUS_BUDGET_MS, `the corpus ran past its ${CORPUS_BUDGET_MS} ms budget`);
      });
    }
  });
}
