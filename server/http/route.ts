// The wrapper of every API route handler: authorize, run, map errors to one JSON shape.
//   not signed in → 401, role lacks the permission → 403, validation → 422 with field issues,
//   not found → 404, conflict → 409, too large → 413, database busy or unreachable → 503 with
//   Retry-After, anything else → 500 with an opaque id that is also in the log.
import { randomUUID } from "node:crypto";
import { ZodError, type ZodType } from "zod";
import type { ApiErrorBody, FieldIssue } from "../contracts/api-errors.ts";
import { MAX_REQUEST_BYTES, formatBytes } from "../contracts/limits.ts";
import { BadRequestError, ConflictError, FieldValidationError, NotFoundError, PayloadTooLargeError } from "../errors.ts";
import { authorize, ForbiddenError, UnauthorizedError, type Permission, type Principal } from "../auth/authorize.ts";
import { appContext, type AppContext } from "../context.ts";
import { refuseUnsafeRequest } from "./request-guard.ts";
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from "../store/database-errors.ts";
import { unknownFieldMessage, unknownFieldPaths } from "../contracts/unknown-fields.ts";

type Params = Record<string, string>;
type Handler = (input: { request: Request; params: Params; context: AppContext; principal: Principal }) => Promise<Response | unknown>;

export function route(permission: Permission, handler: Handler) {
  return async (request: Request, segment: { params: Promise<Params> }): Promise<Response> => {
    try {
      const principal = await authorize(request, permission);
      // Foreign sites and non-JSON bodies never reach a state-changing handler (request-guard.ts).
      const refused = refuseUnsafeRequest(request, { authenticatedBy: principal.via });
      if (refused) return refused;
      return toResponse(request, await handler({ request, params: await segment.params, context: appContext(), principal }));
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/**
 * A route anyone may call (the first-run setup). It is listed as public in the permission-matrix
 * test, so a new one is a deliberate choice.
 */
export function publicRoute(handler: (input: Omit<Parameters<Handler>[0], "principal">) => Promise<Response | unknown>) {
  return async (request: Request, segment: { params: Promise<Params> }): Promise<Response> => {
    try {
      const refused = refuseUnsafeRequest(request, { authenticatedBy: "none" });
      if (refused) return refused;
      return toResponse(request, await handler({ request, params: await segment.params, context: appContext() }));
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** A handler's result as a response: a Response as it is, nothing as 204, anything else as JSON. */
function toResponse(request: Request, result: unknown): Response {
  if (result instanceof Response) return result;
  if (result === undefined) return new Response(null, { status: 204 });
  return Response.json(result, { status: request.method === "POST" ? 201 : 200 });
}

export function errorResponse(error: unknown): Response {
  const body = (status: number, payload: ApiErrorBody) => Response.json(payload, { status });
  if (error instanceof ZodError) return body(422, { error: "validation_failed", message: "Some fields are not valid", issues: zodIssues(error) });
  if (error instanceof FieldValidationError) return body(422, { error: "validation_failed", message: "Some fields are not valid", issues: error.issues });
  if (error instanceof NotFoundError) return body(404, { error: "not_found", message: error.message });
  if (error instanceof ConflictError) return body(409, { error: "conflict", message: error.message });
  if (error instanceof PayloadTooLargeError) return body(413, { error: "payload_too_large", message: error.message });
  if (error instanceof BadRequestError) return body(400, { error: "bad_request", message: error.message });
  if (error instanceof UnauthorizedError) return body(401, { error: "unauthorized", message: error.message });
  if (error instanceof ForbiddenError) return body(403, { error: "forbidden", message: error.message });
  const errorId = randomUUID();
  if (isDatabaseUnavailable(error)) {
    appContext().log.warn({ errorId, code: (error as { code?: string }).code }, "database busy or unreachable; request answered 503");
    return Response.json(
      {
        error: "database_unavailable",
        message: `The database is busy or unreachable; try again in a few seconds (error id ${errorId})`,
        errorId,
      } satisfies ApiErrorBody,
      { status: 503, headers: { "Retry-After": String(RETRY_AFTER_SECONDS) } },
    );
  }
  appContext().log.error({ err: error, errorId }, "unhandled error in API route");
  return body(500, { error: "internal", message: `Something went wrong on the server (error id ${errorId})`, errorId });
}

export function zodIssues(error: ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
}

/** Reads and validates a JSON body, refusing oversized bodies before parsing them and fields the schema does not know after. */
export async function readBody<T>(request: Request, schema: ZodType<T>, maxBytes = MAX_REQUEST_BYTES): Promise<T> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new PayloadTooLargeError(`The request is larger than ${formatBytes(maxBytes)}`);
  const bytes = await readAtMost(request, maxBytes);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new BadRequestError("The request body is not valid UTF-8");
  }
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    throw new BadRequestError("The request body is not valid JSON");
  }
  const unstorable = findUnstorableText(json);
  if (unstorable) throw new FieldValidationError([unstorable]);
  const parsed = schema.parse(json);
  const unknown = unknownFieldPaths(json, parsed);
  if (unknown.length > 0) throw new FieldValidationError(unknown.map((path) => ({ path, message: unknownFieldMessage(path) })));
  return parsed;
}

/**
 * The body's bytes, refusing it as soon as more than maxBytes have arrived: a body sent without
 * a Content-Length (chunked) is not read to its end, nor held in memory, when it is too large.
 */
async function readAtMost(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new PayloadTooLargeError(`The request is larger than ${formatBytes(maxBytes)}`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * The first string (or object key) holding a NUL character or half of a UTF-16 surrogate pair
 * (JSON can spell both as escapes): PostgreSQL cannot store either, and no manifest needs them.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function findUnstorableText(root: unknown): FieldIssue | undefined {
  const problem = (text: string) =>
    text.includes("\0")
      ? "contains a NUL character (\\u0000), which cannot be stored"
      : LONE_SURROGATE.test(text)
        ? "contains an unpaired UTF-16 surrogate (not valid Unicode text)"
        : undefined;
  // Iterative, so deeply nested JSON cannot overflow the stack; each entry links to its parent, so
  // a path is only spelled out for the value that is reported.
  type Place = { key: string; parent: Place | undefined } | undefined;
  const pathOf = (place: Place): string => {
    const keys: string[] = [];
    for (let at = place; at; at = at.parent) keys.push(at.key);
    return keys.reverse().join(".");
  };
  const pending: { value: unknown; place: Place }[] = [{ value: root, place: undefined }];
  while (pending.length > 0) {
    const { value, place } = pending.pop()!;
    if (typeof value === "string") {
      const message = problem(value);
      if (message) return { path: pathOf(place), message: `The text ${message}` };
    } else if (typeof value === "object" && value !== null) {
      const entries = Object.entries(value);
      for (let index = entries.length - 1; index >= 0; index--) {
        const [key, entry] = entries[index]!;
        const keyProblem = problem(key);
        if (keyProblem) return { path: pathOf({ key, parent: place }), message: `The field name ${keyProblem}` };
        pending.push({ value: entry, place: { key, parent: place } });
      }
    }
  }
  return undefined;
}
