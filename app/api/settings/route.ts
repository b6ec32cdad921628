import { route, readBody } from "@/server/http/route.ts";
import { serverSettingsInput } from "@/server/contracts/settings.ts";
import { readServerSettingsView, saveServerSettings } from "@/server/settings/index.ts";

export const GET = route("settings:manage", ({ context }) => readServerSettingsView(context.db));
export const PUT = route("settings:manage", async ({ request, context, principal }) =>
  saveServerSettings(context.db, await readBody(request, serverSettingsInput), principal.email || principal.name),
);
