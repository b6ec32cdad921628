// Fields a request body holds that its schema does not know. zod drops them while parsing (its
// default), which would let a misspelt field ("timeoutSecond") pass silently, so the server
// refuses them (server/http/route.ts, readBody) and the browser leaves out what it only keeps for
// display before it sends a body (components/steps/step-draft.ts).
//
// Found by comparing the body with what the schema made of it: a key of an input object that is
// missing from the parsed object at the same place is unknown. Arrays are compared element by
// element only when the schema kept their length (a schema that drops empty rows is left alone).
import type { ZodType } from "zod";

type Plain = Record<string, unknown>;
const isPlain = (value: unknown): value is Plain => typeof value === "object" && value !== null && !Array.isArray(value);

/** Deeper than any body a schema describes; below it, the schema's own limits speak. */
const MAX_DEPTH = 32;

/** The dotted paths of the fields in `input` that `parsed` (the schema's output) does not have. */
export function unknownFieldPaths(input: unknown, parsed: unknown, path: string[] = []): string[] {
  if (path.length > MAX_DEPTH) return [];
  if (isPlain(input) && isPlain(parsed)) {
    return Object.keys(input).flatMap((key) => (key in parsed ? unknownFieldPaths(input[key], parsed[key], [...path, key]) : [[...path, key].join(".")]));
  }
  if (Array.isArray(input) && Array.isArray(parsed) && input.length === parsed.length) {
    return input.flatMap((item, index) => unknownFieldPaths(item, parsed[index], [...path, String(index)]));
  }
  return [];
}

/** `input` without the fields its schema does not know, or `input` itself when it does not parse. */
export function withoutUnknownFields<T>(schema: ZodType, input: T): T {
  const parsed = schema.safeParse(input);
  return parsed.success ? (prune(input, parsed.data) as T) : input;
}

function prune(input: unknown, parsed: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) return input;
  if (isPlain(input) && isPlain(parsed)) {
    return Object.fromEntries(Object.entries(input).flatMap(([key, value]) => (key in parsed ? [[key, prune(value, parsed[key], depth + 1)]] : [])));
  }
  if (Array.isArray(input) && Array.isArray(parsed) && input.length === parsed.length) return input.map((item, index) => prune(item, parsed[index], depth + 1));
  return input;
}

export const unknownFieldMessage = (path: string) => `Unknown field "${path.split(".").at(-1)}": this request has no such field (misspelt?)`;
