// The checks of server settings that need the disk: every server path root must be an existing
// directory (the schema in contracts/settings.ts already refused relative paths and empty lines).
import { stat } from "node:fs/promises";
import type { FieldIssue } from "../contracts/api-errors.ts";
import type { ServerSettingsInput } from "../contracts/settings.ts";
import { FieldValidationError } from "../errors.ts";

export async function requireValidSettings(input: ServerSettingsInput): Promise<ServerSettingsInput> {
  const issues: FieldIssue[] = [];
  await Promise.all(
    input.serverPathRoots.map(async (root, index) => {
      const info = await stat(root).catch(() => undefined);
      if (!info) issues.push({ path: `serverPathRoots.${index}`, message: `${root} does not exist on this server` });
      else if (!info.isDirectory()) issues.push({ path: `serverPathRoots.${index}`, message: `${root} is not a directory` });
    }),
  );
  const duplicate = (list: string[], field: string) =>
    list.forEach((entry, index) => list.indexOf(entry) !== index && issues.push({ path: `${field}.${index}`, message: `${entry} is listed twice` }));
  duplicate(input.allowedExecCommands, "allowedExecCommands");
  duplicate(input.serverPathRoots, "serverPathRoots");
  if (issues.length) throw new FieldValidationError(issues.sort((a, b) => a.path.localeCompare(b.path, "en", { numeric: true })));
  return input;
}
