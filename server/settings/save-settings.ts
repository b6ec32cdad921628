// Saving the Settings page: validate against the disk, store, and answer with what is now in force.
import type { ServerSettingsInput, ServerSettingsView } from "../contracts/settings.ts";
import type { Database } from "../store/database.ts";
import { readServerSettingsView, writeServerSettings } from "./server-settings.ts";
import { requireValidSettings } from "./validate-settings.ts";

export async function saveServerSettings(db: Database, input: ServerSettingsInput, updatedBy: string): Promise<ServerSettingsView> {
  await writeServerSettings(db, await requireValidSettings(input), updatedBy);
  return readServerSettingsView(db);
}
