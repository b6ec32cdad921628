// Fills a database with a large frozen-snapshot history for the audit search benchmarks.
//   npx tsx bench/seed-audit.ts --database-url file:./tmp/audit-bench.db [--rows 1000000]
//   npx tsx bench/seed-audit.ts --database-url postgresql://postgres@127.0.0.1:54329/audit_bench
// Migrates the database first; refuses to seed a database that already has bench rows. Rows are
// written with batched multi-row INSERTs in a few large transactions (raw SQL, no Prisma client),
// with the snapshot context already stamped, as freezeStep leaves it.
import { parseArgs } from "node:util";
import Sqlite from "better-sqlite3";
import pg from "pg";
import { databaseProvider, sqliteFilePath } from "../server/config.ts";
import { migrateDatabase } from "../server/store/migrate.ts";
import { sqliteTimestamp } from "../server/audit/sql-dialect.ts";
import { MERGE_PENDING_SQL } from "../server/store/search-index-merge.ts";
import { defaultShape, deploymentHistory, environmentId, environmentName, projectId, releaseId, releaseStepId, type HistoryShape } from "./audit-history.ts";

type Value = string | number | boolean | Date | null;
type Writer = {
  insert(table: string, columns: string[], rows: Value[][]): Promise<void>;
  commit(): Promise<void>;
  hasBenchRows(): Promise<boolean>;
  close(): Promise<void>;
};

const ROWS_PER_STATEMENT = 1000;

function sqliteWriter(url: string): Writer {
  const db = new Sqlite(sqliteFilePath(url));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  db.exec("BEGIN");
  const statements = new Map<string, Sqlite.Statement>();
  const convert = (value: Value) => (value instanceof Date ? sqliteTimestamp(value) : typeof value === "boolean" ? Number(value) : value);
  return {
    async insert(table, columns, rows) {
      for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
        const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
        const key = `${table}:${chunk.length}`;
        let statement = statements.get(key);
        if (!statement) {
          const tuple = `(${columns.map(() => "?").join(", ")})`;
          statement = db.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${chunk.map(() => tuple).join(", ")}`);
          statements.set(key, statement);
        }
        statement.run(chunk.flat().map(convert));
      }
    },
    async commit() {
      db.exec("COMMIT");
      db.exec("BEGIN");
    },
    async hasBenchRows() {
      return Boolean(db.prepare(`SELECT 1 FROM "Project" WHERE "id" LIKE 'bench-%' LIMIT 1`).get());
    },
    async close() {
      db.exec("COMMIT");
      db.exec("ANALYZE");
      db.close();
    },
  };
}

async function postgresWriter(url: string): Promise<Writer> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("BEGIN");
  return {
    async insert(table, columns, rows) {
      for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
        const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
        let parameter = 0;
        const tuples = chunk.map((row) => `(${row.map(() => `$${++parameter}`).join(", ")})`);
        await client.query(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${tuples.join(", ")}`, chunk.flat());
      }
    },
    async commit() {
      await client.query("COMMIT");
      await client.query("BEGIN");
    },
    async hasBenchRows() {
      return (await client.query(`SELECT 1 FROM "Project" WHERE "id" LIKE 'bench-%' LIMIT 1`)).rowCount === 1;
    },
    async close() {
      await client.query("COMMIT");
      // As after every freeze (server/store/search-index-merge.ts): the trigram indexes' pending
      // entries merged, or every search would scan up to 16 MB of them (a manual ANALYZE does not merge).
      await client.query(MERGE_PENDING_SQL);
      await client.query("ANALYZE");
      await client.end();
    },
  };
}

const OBJECT_COLUMNS = [
  "id",
  "stepRunId",
  "objectKey",
  "uid",
  "parentKey",
  "topLevel",
  "apiVersion",
  "kind",
  "namespace",
  "name",
  "status",
  "message",
  "summary",
  "lastChangeAt",
  "updatedAt",
  "frozenAt",
  "stepStatus",
  "projectId",
  "environmentId",
];

async function seedFixedRows(writer: Writer, shape: HistoryShape, epoch: Date): Promise<void> {
  const projects = Array.from({ length: shape.projects }, (_, index) => index);
  await writer.insert(
    "Project",
    ["id", "slug", "name", "description", "processVersion", "createdAt", "updatedAt"],
    projects.map((index) => [projectId(index), `bench-project-${index}`, `Bench project ${index}`, "", 1, epoch, epoch]),
  );
  await writer.insert(
    "Environment",
    ["id", "name", "description", "version", "createdAt", "updatedAt"],
    Array.from({ length: shape.environments }, (_, index) => [environmentId(index), `bench-${environmentName(index)}`, "", 1, epoch, epoch]),
  );
  await writer.insert(
    "Release",
    ["id", "projectId", "version", "notes", "processVersion", "createdAt"],
    projects.map((index) => [releaseId(index), projectId(index), "1.0.0", "", 1, epoch]),
  );
  await writer.insert(
    "ReleaseStep",
    ["id", "releaseId", "sourceStepId", "position", "name", "type", "enabled", "config", "verification"],
    projects.flatMap((index) =>
      Array.from({ length: shape.stepsPerDeployment }, (_, position) => [
        releaseStepId(index, position),
        releaseId(index),
        `bench-step-${index}-${position}`,
        position,
        `Step ${position}`,
        "kubernetes",
        true,
        "{}",
        "{}",
      ]),
    ),
  );
}

export async function seedAuditDatabase(
  databaseUrl: string,
  shape: HistoryShape = defaultShape,
  log: (line: string) => void = console.log,
): Promise<{ objectRows: number; stepRuns: number; seconds: number }> {
  const started = performance.now();
  await migrateDatabase(databaseUrl);
  const writer = databaseProvider(databaseUrl) === "postgresql" ? await postgresWriter(databaseUrl) : sqliteWriter(databaseUrl);
  try {
    if (await writer.hasBenchRows()) throw new Error("This database already holds bench rows; seed a fresh one");
    await seedFixedRows(writer, shape, new Date(Date.UTC(2023, 0, 1)));
    let objectRows = 0;
    let stepRuns = 0;
    let pending: { deployments: Value[][]; runs: Value[][]; objects: Value[][] } = { deployments: [], runs: [], objects: [] };
    const flush = async () => {
      await writer.insert(
        "Deployment",
        ["id", "projectId", "releaseId", "environmentId", "status", "message", "createdAt", "startedAt", "finishedAt"],
        pending.deployments,
      );
      await writer.insert(
        "StepRun",
        [
          "id",
          "deploymentId",
          "releaseStepId",
          "position",
          "name",
          "type",
          "verificationEnabled",
          "status",
          "outcomeMessage",
          "startedAt",
          "finishedAt",
          "frozenAt",
          "lastSequence",
        ],
        pending.runs,
      );
      await writer.insert("ObjectRow", OBJECT_COLUMNS, pending.objects);
      await writer.commit();
      pending = { deployments: [], runs: [], objects: [] };
    };
    for (const { deployment, stepRuns: runs, objects } of deploymentHistory(shape)) {
      pending.deployments.push([
        deployment.id,
        deployment.projectId,
        deployment.releaseId,
        deployment.environmentId,
        deployment.status,
        "",
        deployment.createdAt,
        deployment.createdAt,
        runs.at(-1)?.frozenAt ?? deployment.createdAt,
      ]);
      const runById = new Map(runs.map((run) => [run.id, run]));
      for (const run of runs)
        pending.runs.push([
          run.id,
          run.deploymentId,
          run.releaseStepId,
          run.position,
          run.name,
          "kubernetes",
          true,
          run.status,
          run.outcomeMessage,
          new Date(run.frozenAt.getTime() - 25_000),
          run.frozenAt,
          run.frozenAt,
          1,
        ]);
      for (const object of objects) {
        const run = runById.get(object.stepRunId);
        pending.objects.push([
          object.id,
          object.stepRunId,
          object.objectKey,
          object.uid,
          object.parentKey,
          object.topLevel,
          object.apiVersion,
          object.kind,
          object.namespace,
          object.name,
          object.status,
          object.message,
          object.summary,
          object.lastChangeAt,
          object.lastChangeAt,
          run?.frozenAt ?? null,
          run?.status ?? null,
          deployment.projectId,
          deployment.environmentId,
        ]);
      }
      objectRows += objects.length;
      stepRuns += runs.length;
      if (pending.objects.length >= 50_000) {
        await flush();
        log(`  ${objectRows.toLocaleString("en")} object rows`);
      }
    }
    await flush();
    return { objectRows, stepRuns, seconds: (performance.now() - started) / 1000 };
  } finally {
    await writer.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { "database-url": { type: "string" }, rows: { type: "string" } } });
  const url = values["database-url"] ?? process.env.DATABASE_URL;
  if (!url) throw new Error("Pass --database-url (file:… or postgresql://…) or set DATABASE_URL");
  const shape = { ...defaultShape, objectRows: Number(values.rows ?? defaultShape.objectRows) };
  const result = await seedAuditDatabase(url, shape);
  console.log(
    `seeded ${result.objectRows.toLocaleString("en")} object rows in ${result.stepRuns.toLocaleString("en")} snapshots in ${result.seconds.toFixed(1)} s`,
  );
}
