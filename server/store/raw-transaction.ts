// The driver adapter's own transaction, for the freeze's bulk statements (issue 12). Prisma's raw
// queries pass every parameter through its query compiler (WebAssembly, with engine "js"): one
// chunk of 10,000 rows, 4 MB of JSON in one parameter, cost ~180 ms of CPU there and ~10 ms when
// `pg` ran the same statement (measured side by side on PostgreSQL; docs/decisions.md, "The
// freeze's write cost"). So the adapter factory Prisma is given is wrapped (`withRawTransactions`):
// a transaction that Prisma starts inside `runWithRawTransaction(fn)` is handed to that scope, and
// `rawTransaction()` returns it within it. Prisma starts an interactive transaction in the async
// context of the `$transaction` call (AsyncLocalStorage follows it there; a test checks that both
// paths see one transaction id), and its callback's statements are awaited one after the other, so
// a statement sent this way runs on the same connection, in the same transaction, in order.
import { AsyncLocalStorage } from "node:async_hooks";
import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";
import type { Database } from "./database.ts";

type Scope = { transaction?: Transaction };
const scope = new AsyncLocalStorage<Scope>();

/** `factory`, whose connections hand the transactions they start to the current `runWithRawTransaction` scope. */
export function withRawTransactions<F extends SqlDriverAdapterFactory>(factory: F): F {
  const wrapped = Object.create(factory) as F;
  wrapped.connect = async () => handOver(await factory.connect());
  return wrapped;
}

function handOver(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const start = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => {
    const transaction = await start(isolationLevel);
    const current = scope.getStore();
    // The first transaction of the scope only: one scope is one `$transaction` call.
    if (current && !current.transaction) current.transaction = transaction;
    return transaction;
  };
  return adapter;
}

/** Runs `fn` (which calls `db.$transaction` once) with the adapter's transaction available to `rawTransaction()`. */
export function runWithRawTransaction<T>(fn: () => Promise<T>): Promise<T> {
  return scope.run({}, fn);
}

/** Inside `runWithRawTransaction`, the adapter transaction Prisma started there; else undefined. */
export function rawTransaction(): Transaction | undefined {
  return scope.getStore()?.transaction;
}

/** What `statements` needs of a Prisma client or transaction (the way without a raw transaction). */
export type StatementClient = Pick<Database, "$executeRawUnsafe" | "$queryRawUnsafe">;
/** Raw statements whose bound values are all text or null (the SQL casts them). */
export type Statements = {
  execute(sql: string, values: (string | null)[]): Promise<number>;
  /** The result's rows, each its values in the order of the SELECT or RETURNING list. */
  query(sql: string, values: (string | null)[]): Promise<unknown[][]>;
};

const TEXT_ARGUMENT = { scalarType: "string", arity: "scalar" } as const;

/**
 * How raw statements reach the database: through the driver adapter's transaction inside
 * `runWithRawTransaction`, else through Prisma's `client` (tests with clients of their own).
 */
export function statements(client: StatementClient): Statements {
  const transaction = rawTransaction();
  if (transaction) {
    const query = (sql: string, values: (string | null)[]) => ({ sql, args: values, argTypes: values.map(() => TEXT_ARGUMENT) });
    return {
      execute: (sql, values) => transaction.executeRaw(query(sql, values)),
      query: async (sql, values) => (await transaction.queryRaw(query(sql, values))).rows,
    };
  }
  return {
    execute: (sql, values) => client.$executeRawUnsafe(sql, ...values),
    query: async (sql, values) => (await client.$queryRawUnsafe<Record<string, unknown>[]>(sql, ...values)).map((row) => Object.values(row)),
  };
}
