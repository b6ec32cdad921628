// Server settings: what administrators configure in the browser (Settings page, /api/settings).
export { readServerSettings, readServerSettingsView, writeServerSettings, parseListVariable, SETTING_VARIABLES } from "./server-settings.ts";
export { requireValidSettings } from "./validate-settings.ts";
export { saveServerSettings } from "./save-settings.ts";
export { checkServerPath, type ServerPathCheck, type ServerPathRefusal } from "./server-paths.ts";
export { requireAllowedServerPaths, serverPathIssues, serverPathOf } from "./step-server-paths.ts";
export { kubeconfigPolicy } from "./kubeconfig-policy.ts";
