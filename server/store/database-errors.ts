// Errors that say "the database cannot answer right now", not "this request is wrong": a SQLite
// file locked past the busy budget (server/store/sqlite-adapter.ts), a PostgreSQL server that is
// down, unreachable or out of pooled connections. Requests get 503 with Retry-After for them
// (server/http/route.ts), never a 500 with a stack trace in the log.

/** Prisma's codes for a database that is busy, unreachable or timed out (prisma.io/docs/orm/reference/error-reference). */
const UNAVAILABLE_CODES = new Set([
  "P1001", // can't reach the database server
  "P1002", // reached it, but it timed out
  "P1008", // operations timed out (SQLite: SQLITE_BUSY past the budget)
  "P1017", // the server closed the connection
  "P2024", // timed out fetching a connection from the pool
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error) || !error.constructor.name.startsWith("PrismaClient")) return false;
  if (error.constructor.name === "PrismaClientInitializationError") return true;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== "string") return false;
  // P2028 is every interactive-transaction error; only "could not start in time" is the database's fault.
  return UNAVAILABLE_CODES.has(code) || (code === "P2028" && /Unable to start a transaction in the given time/.test(error.message));
}

/** Seconds a client is asked to wait before trying again. */
export const RETRY_AFTER_SECONDS = 5;
