// Typed access to the ServerSetting table (key → JSON text). A setting an administrator never
// saved falls back to the server's environment: KDEPLOY_ALLOWED_EXEC_COMMANDS and
// KDEPLOY_SERVER_PATH_ROOTS, colon- or comma-separated. Once saved, the stored value wins (an
// empty list included: an administrator can turn an environment default off).
// Read on every use rather than cached, so every server instance sees a change at once.
import type { Database } from "../store/database.ts";
import type { ServerSettings, ServerSettingSource, ServerSettingsView } from "../contracts/settings.ts";

type SettingName = keyof ServerSettings;

const KEYS: Record<SettingName, string> = { allowedExecCommands: "kubeconfig.allowedExecCommands", serverPathRoots: "paths.serverPathRoots" };
export const SETTING_VARIABLES: Record<SettingName, string> = {
  allowedExecCommands: "KDEPLOY_ALLOWED_EXEC_COMMANDS",
  serverPathRoots: "KDEPLOY_SERVER_PATH_ROOTS",
};
const NAMES = Object.keys(KEYS) as SettingName[];

/** "a:b, c" → ["a", "b", "c"]. */
export function parseListVariable(value: string | undefined): string[] {
  return (value ?? "")
    .split(/[:,]/)
    .map((entry) => entry.trim())
    .filter(Boolean);
}

export async function readServerSettingsView(db: Database, env: NodeJS.ProcessEnv = process.env): Promise<ServerSettingsView> {
  const rows = await db.serverSetting.findMany({ where: { key: { in: Object.values(KEYS) } } });
  const byKey = new Map(rows.map((row) => [row.key, row]));
  const settings = {} as ServerSettings;
  const sources = {} as Record<SettingName, ServerSettingSource>;
  for (const name of NAMES) {
    const row = byKey.get(KEYS[name]);
    const stored = row ? parseStoredList(row.value) : undefined;
    if (row && stored) {
      settings[name] = stored;
      sources[name] = { source: "setting", updatedAt: row.updatedAt.toISOString(), updatedBy: row.updatedBy };
    } else {
      settings[name] = parseListVariable(env[SETTING_VARIABLES[name]]);
      sources[name] = { source: "environment", variable: SETTING_VARIABLES[name] };
    }
  }
  return { ...settings, sources };
}

export async function readServerSettings(db: Database, env: NodeJS.ProcessEnv = process.env): Promise<ServerSettings> {
  const { sources: _sources, ...settings } = await readServerSettingsView(db, env);
  return settings;
}

/** Stores both lists (already validated, see validate-settings.ts) in one transaction. */
export async function writeServerSettings(db: Database, settings: ServerSettings, updatedBy: string): Promise<void> {
  await db.$transaction(
    NAMES.map((name) =>
      db.serverSetting.upsert({
        where: { key: KEYS[name] },
        create: { key: KEYS[name], value: JSON.stringify(settings[name]), updatedBy },
        update: { value: JSON.stringify(settings[name]), updatedBy },
      }),
    ),
  );
}

// A value that is not a list of strings (edited by hand) is ignored: the default applies.
function parseStoredList(value: string): string[] | undefined {
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) && parsed.every((entry) => typeof entry === "string") ? parsed : undefined;
  } catch {
    return undefined;
  }
}
