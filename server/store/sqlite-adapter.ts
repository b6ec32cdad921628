// Prisma's better-sqlite3 adapter, made to wait for a locked database without stopping the server.
//
// better-sqlite3 is synchronous: while another process holds the write lock (a backup, a second
// tool on the file), SQLite's busy handler sleeps on the calling thread, and here that is the
// event loop: HTTP, Socket.IO and every watch stand still for the whole busy timeout. So the
// driver's own busy timeout is kept short (SYNC_BUSY_MS) and a statement that still finds the
// database locked is retried asynchronously, with backoff, for up to BUSY_BUDGET_MS (the patience
// the old 10 s busy timeout gave); after that the same SQLITE_BUSY error reaches the caller, whose
// own retries (server/deploy/retry.ts) or answer (503, server/http/route.ts) take over.
//
// Two connections to the one file:
// - the writer runs every statement that may write, and every transaction. While a transaction
//   is open it has the connection to itself (the gate): a statement from elsewhere arriving while
//   a transaction waits for the lock must not run inside that transaction (it would be committed
//   or rolled back with it). The upstream adapter lets such statements interleave.
// - the reader runs plain SELECTs outside transactions. In WAL mode (server/store/migrate.ts) a
//   reader never waits for a writer, so pages, the health check and the live table's reads keep
//   answering while writes wait for the lock; it sees every committed write, like the writer.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

type Factory = InstanceType<typeof PrismaBetterSQLite3>;
type Adapter = Awaited<ReturnType<Factory["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;
type Query = Parameters<Adapter["queryRaw"]>[0];

/** The longest one attempt may hold the event loop waiting for the lock. */
export const SYNC_BUSY_MS = 20;
/** How long a statement keeps trying before SQLITE_BUSY reaches its caller. */
export const BUSY_BUDGET_MS = 10_000;
const FIRST_DELAY_MS = 5;
const MAX_DELAY_MS = 200;

/** Bound parameters per statement in the SQLite that better-sqlite3 ships (SQLITE_MAX_VARIABLE_NUMBER). */
export const SQLITE_MAX_BIND_VALUES = 32_766;

/** Interactive transactions may wait as long as a statement does for the lock (Prisma's default is 2 s). */
export const SQLITE_TRANSACTION_OPTIONS = { maxWait: BUSY_BUDGET_MS + 2_000, timeout: BUSY_BUDGET_MS + 10_000 } as const;

export function isSqliteBusy(error: unknown): boolean {
  const cause = (error as { cause?: { originalCode?: unknown } } | undefined)?.cause;
  return cause?.originalCode === "SQLITE_BUSY";
}

export type BusyRetryOptions = {
  budgetMs?: number;
  /** When the caller issued the statement: time spent waiting for the writer counts against the budget. */
  issuedAt?: number;
  onBusy?: (attempt: number) => void;
};

/**
 * Runs `attempt` until it does not fail with SQLITE_BUSY or the budget is spent. `stillValid` is
 * checked before every retry: a transaction closed meanwhile (Prisma rolled it back on its timeout)
 * must not have its statement run again outside it.
 */
export async function retryWhileBusy<T>(attempt: () => Promise<T>, stillValid: () => boolean = () => true, options: BusyRetryOptions = {}): Promise<T> {
  const budget = options.budgetMs ?? BUSY_BUDGET_MS;
  const started = options.issuedAt ?? Date.now();
  let delay = FIRST_DELAY_MS;
  for (let attemptNumber = 1; ; attemptNumber++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isSqliteBusy(error) || Date.now() - started + delay > budget || !stillValid()) throw error;
      options.onBusy?.(attemptNumber);
      // Jitter keeps statements that hit the lock together from retrying in lockstep.
      await new Promise((resolve) => setTimeout(resolve, delay / 2 + Math.random() * (delay / 2)));
      delay = Math.min(delay * 2, MAX_DELAY_MS);
      if (!stillValid()) throw error;
    }
  }
}

/** A first-in first-out lock: the writer connection to one transaction, or to one statement, at a time. */
class Gate {
  #tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const turn = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => released);
    return turn;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}

const READ_ONLY = /^\s*SELECT\b/i;

class PatientTransaction {
  readonly provider;
  readonly adapterName;
  readonly options;
  #closed = false;
  readonly #open = () => !this.#closed;

  constructor(
    private readonly inner: Transaction,
    private readonly release: () => void,
    private readonly retry: BusyRetryOptions,
  ) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
    this.options = inner.options;
  }

  queryRaw(query: Query) {
    return retryWhileBusy(() => this.inner.queryRaw(query), this.#open, this.retry);
  }

  executeRaw(query: Query) {
    return retryWhileBusy(() => this.inner.executeRaw(query), this.#open, this.retry);
  }

  commit() {
    return this.#close(() => this.inner.commit());
  }

  rollback() {
    return this.#close(() => this.inner.rollback());
  }

  async #close(finish: () => Promise<void>) {
    if (this.#closed) return;
    this.#closed = true;
    try {
      await finish();
    } finally {
      this.release();
    }
  }
}

class PatientAdapter {
  readonly provider;
  readonly adapterName;
  readonly #gate = new Gate();

  constructor(
    private readonly writer: Adapter,
    private readonly reader: Adapter,
    private readonly retry: BusyRetryOptions,
  ) {
    this.provider = writer.provider;
    this.adapterName = writer.adapterName;
  }

  /**
   * Prisma splits a createMany so each INSERT binds at most `maxBindValues` parameters, and assumes
   * 999 for SQLite unless the adapter says otherwise: a 1,000-row freeze became 23 INSERTs of 45
   * rows. better-sqlite3's SQLite allows 32,766 (SQLITE_MAX_VARIABLE_NUMBER; a test checks it), so
   * a chunk of rows is one multi-row INSERT (issue 12).
   */
  getConnectionInfo() {
    return { ...(this.writer.getConnectionInfo?.() ?? { supportsRelationJoins: false }), maxBindValues: SQLITE_MAX_BIND_VALUES };
  }

  queryRaw(query: Query) {
    if (READ_ONLY.test(query.sql)) return retryWhileBusy(() => this.reader.queryRaw(query), undefined, this.retry);
    return this.#write(() => this.writer.queryRaw(query));
  }

  executeRaw(query: Query) {
    return this.#write(() => this.writer.executeRaw(query));
  }

  executeScript(script: string) {
    return this.#write(() => this.writer.executeScript(script));
  }

  /** Waiting for the writer counts against the budget: a request gets its answer within it, however long the queue. */
  #write<T>(statement: () => Promise<T>): Promise<T> {
    const issuedAt = Date.now();
    return this.#gate.run(() => retryWhileBusy(statement, undefined, { ...this.retry, issuedAt }));
  }

  async startTransaction(isolationLevel?: Parameters<Adapter["startTransaction"]>[0]) {
    const issuedAt = Date.now();
    const release = await this.#gate.acquire();
    try {
      // BEGIN is deferred: it takes no lock, the first write in the transaction does (and retries).
      const transaction = await retryWhileBusy(() => this.writer.startTransaction(isolationLevel), undefined, { ...this.retry, issuedAt });
      return new PatientTransaction(transaction, release, this.retry);
    } catch (error) {
      release();
      throw error;
    }
  }

  async dispose() {
    await Promise.all([this.writer.dispose(), this.reader.dispose()]);
  }
}

/** The adapter factory Prisma is given for a SQLite file (`retry` for tests: a shorter budget). */
export function patientSqliteAdapter(file: string, retry: BusyRetryOptions = {}): Factory {
  const upstream = new PrismaBetterSQLite3({ url: `file:${file}`, timeout: SYNC_BUSY_MS });
  return {
    provider: upstream.provider,
    adapterName: upstream.adapterName,
    async connect() {
      const [writer, reader] = await Promise.all([upstream.connect(), upstream.connect()]);
      return new PatientAdapter(writer, reader, retry) as unknown as Adapter;
    },
    connectToShadowDb: () => upstream.connectToShadowDb(),
  } as Factory;
}
