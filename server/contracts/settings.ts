// Server settings an administrator edits in the browser: which exec-plugin commands a
// kubeconfig may run, and under which directories Helm charts and Kustomize directories on the
// server may be read. Whether a root exists is checked on the server (server/settings/).
import { z } from "zod";

export const MAX_SETTING_ENTRIES = 50;

const execCommand = z
  .string()
  .trim()
  .min(1, "Enter a command, or remove the empty line")
  .max(1024, "Commands are at most 1024 characters")
  .refine((command) => !/[\n\r\0]/.test(command), "A command is one line");

const serverPathRoot = z
  .string()
  .trim()
  .min(1, "Enter a directory, or remove the empty line")
  .max(1024, "Paths are at most 1024 characters")
  .refine((path) => path.startsWith("/"), "Use an absolute path (starting with /)")
  .refine((path) => !path.split("/").includes(".."), "Write the directory without '..'");

export const serverSettingsInput = z.object({
  allowedExecCommands: z.array(execCommand).max(MAX_SETTING_ENTRIES, `At most ${MAX_SETTING_ENTRIES} commands`),
  serverPathRoots: z.array(serverPathRoot).max(MAX_SETTING_ENTRIES, `At most ${MAX_SETTING_ENTRIES} directories`),
});
export type ServerSettingsInput = z.infer<typeof serverSettingsInput>;
export type ServerSettings = ServerSettingsInput;

export type ServerSettingSource = { source: "setting"; updatedAt: string; updatedBy: string } | { source: "environment"; variable: string };

export type ServerSettingsView = ServerSettings & {
  /** Where each value comes from: saved by an administrator, or the server's environment default. */
  sources: Record<keyof ServerSettings, ServerSettingSource>;
};
