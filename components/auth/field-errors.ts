// Field errors from an API error body, keyed by field path.
import type { ApiErrorBody } from "@/server/contracts/api-errors.ts";
import { groupIssues } from "@/components/api-client.ts";

export async function readApiError(response: Response): Promise<{ message: string; fields: Record<string, string[]> }> {
  const body = (await response.json().catch(() => undefined)) as ApiErrorBody | undefined;
  return { message: body?.message ?? `Request failed (HTTP ${response.status})`, fields: groupIssues(body?.issues ?? []) };
}
