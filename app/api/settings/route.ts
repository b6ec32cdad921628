import { route, readBody } from "@/server/http/route.ts";
import { serverSettingsInput } from "@/server/contracts/settings.ts";
import { readServerSettings, readServerSettingsView, saveServerSettings } from "@/server/settings/index.ts";
import { recordChanges } from "@/server/audit/change-trail.ts";
import { settingsSaved } from "@/server/audit/change-events/access-events.ts";

export const GET = route("settings:manage", ({ context }) => readServerSettingsView(context.db));
export const PUT = route("settings:manage", async ({ request, context, principal }) => {
  const input = await readBody(request, serverSettingsInput);
  const before = await readServerSettings(context.db);
  const settings = await saveServerSettings(context.db, input, principal.email || principal.name);
  await recordChanges(context.db, { principal, request }, settingsSaved(before, settings));
  return settings;
});
