// The browser's only way to call the API: JSON in, JSON out, errors as one typed shape so forms
// can show field errors next to their inputs.
import type { ApiErrorBody, FieldIssue } from "@/server/contracts/api-errors.ts";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
  }
  /** Field errors keyed by path ("config.containers.0.image"). */
  get fieldErrors(): Record<string, string[]> {
    return groupIssues(this.body.issues ?? []);
  }
}

export function groupIssues(issues: FieldIssue[]): Record<string, string[]> {
  const grouped: Record<string, string[]> = {};
  for (const issue of issues) (grouped[issue.path] ??= []).push(issue.message);
  return grouped;
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(path, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: init.body === undefined ? undefined : { "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const json: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const body = (json as ApiErrorBody | undefined) ?? { error: "internal", message: `Request failed with status ${response.status}` };
    throw new ApiError(response.status, body);
  }
  return json as T;
}
