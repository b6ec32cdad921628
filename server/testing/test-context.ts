// Installs a test database and a throwaway secret key as the app context, so route handlers
// (app/api/**/route.ts) can be called directly with Request objects.
import { randomBytes } from "node:crypto";
import { createSealer, type Sealer } from "../security/credentials.ts";
import { createExecutor } from "../deploy/executor.ts";
import { logger } from "../logging.ts";
import { resetAppContext } from "../context.ts";
import type { TestDatabase } from "./test-database.ts";

export function installTestContext(database: TestDatabase): { sealer: Sealer } {
  const sealer = createSealer(randomBytes(32));
  const log = logger();
  resetAppContext();
  (globalThis as { __kdeployContext?: unknown }).__kdeployContext = { db: database.db, sealer, log, executor: createExecutor(database.db, sealer, log) };
  return { sealer };
}

/** Calls a route handler like Next does. */
export async function call(
  handler: (request: Request, segment: { params: Promise<Record<string, string>> }) => Promise<Response>,
  options: { method?: string; url?: string; params?: Record<string, string>; body?: unknown; rawBody?: string } = {},
): Promise<{ status: number; json: any; text: string }> {
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const request = new Request(options.url ?? "http://127.0.0.1/api/test", {
    method: options.method ?? (body ? "POST" : "GET"),
    body,
    headers: body ? { "content-type": "application/json" } : undefined,
  });
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text };
}
