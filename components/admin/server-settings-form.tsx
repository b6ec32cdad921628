"use client";
// The Settings page's form: the exec-plugin commands kubeconfigs may run, and the directories
// under which steps may read charts and kustomizations on the server. Saves both lists at once.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { api } from "@/components/api-client.ts";
import { Button } from "@/components/ui/button.tsx";
import { Notice } from "@/components/ui/notice.tsx";
import { useApiForm } from "@/components/projects/use-api-form.ts";
import type { ServerSettingSource, ServerSettingsView } from "@/server/contracts/settings.ts";
import { StringListEditor } from "./string-list-editor.tsx";

type ListName = "allowedExecCommands" | "serverPathRoots";

/** Field errors "serverPathRoots.2" → { 2: [...] } for one list. */
function errorsOf(fields: Record<string, string[]>, list: ListName): Record<number, string[]> {
  const byIndex: Record<number, string[]> = {};
  for (const [path, messages] of Object.entries(fields)) {
    const match = new RegExp(`^${list}\\.(\\d+)$`).exec(path);
    if (match) byIndex[Number(match[1])] = messages;
  }
  return byIndex;
}

function describeSource(source: ServerSettingSource): string {
  if (source.source === "environment") return `Not saved yet: the server's ${source.variable} environment variable applies.`;
  return `Saved ${new Date(source.updatedAt).toLocaleString()}${source.updatedBy ? ` by ${source.updatedBy}` : ""}.`;
}

export function ServerSettingsForm({ settings }: { settings: ServerSettingsView }) {
  const router = useRouter();
  const [commands, setCommands] = useState(settings.allowedExecCommands);
  const [roots, setRoots] = useState(settings.serverPathRoots);
  const [saved, setSaved] = useState<ServerSettingsView | null>(null);
  const { busy, errors, submit } = useApiForm();
  const current = saved ?? settings;

  const edit = (setter: (values: string[]) => void) => (values: string[]) => {
    setSaved(null);
    setter(values);
  };

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    const result = await submit(() =>
      api<ServerSettingsView>("/api/settings", { method: "PUT", body: { allowedExecCommands: commands, serverPathRoots: roots } }),
    );
    if (result) {
      setSaved(result);
      setCommands(result.allowedExecCommands);
      setRoots(result.serverPathRoots);
      router.refresh();
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-6">
      {errors.message ? <Notice tone="error">{errors.message}</Notice> : null}
      {saved ? (
        <Notice tone="success" title="Settings saved">
          They apply to the next connection, test or deployment.
        </Notice>
      ) : null}

      <section className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <StringListEditor
          legend="Allowed exec plugin commands"
          hint="A kubeconfig whose user runs an exec plugin is refused unless its command is listed here exactly as written in the kubeconfig (for example /usr/local/bin/aws). The command runs on this server, as the server's user, every time kdeploy connects. auth-provider plugins and file references are never allowed."
          itemLabel="Command"
          addLabel="Add command"
          placeholder="/usr/local/bin/aws"
          values={commands}
          onChange={edit(setCommands)}
          errors={errorsOf(errors.fields, "allowedExecCommands")}
          listErrors={errors.fields.allowedExecCommands}
        />
        <p className="text-xs text-slate-500">{describeSource(current.sources.allowedExecCommands)}</p>
      </section>

      <section className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <StringListEditor
          legend="Server path roots"
          hint={`Helm "Path on the server" and Kustomize "Directory on the server" may only point inside these directories (after resolving symbolic links and ".."). Without any root, steps cannot read the server's disk at all.`}
          itemLabel="Directory"
          addLabel="Add directory"
          placeholder="/srv/kdeploy/charts"
          values={roots}
          onChange={edit(setRoots)}
          errors={errorsOf(errors.fields, "serverPathRoots")}
          listErrors={errors.fields.serverPathRoots}
        />
        <p className="text-xs text-slate-500">{describeSource(current.sources.serverPathRoots)}</p>
      </section>

      <div>
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? "Saving…" : "Save settings"}
        </Button>
      </div>
    </form>
  );
}
