import type { Metadata } from "next";
import { appContext } from "@/server/context.ts";
import { requirePagePermission } from "@/server/auth/page-auth.ts";
import { readServerSettingsView } from "@/server/settings/index.ts";
import { ServerSettingsForm } from "@/components/admin/server-settings-form.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requirePagePermission("settings:manage");
  const settings = await readServerSettingsView(appContext().db);
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Settings</h1>
        <p className="mt-1 text-sm text-slate-600">What this server lets kubeconfigs and steps do on its own machine.</p>
      </div>
      <ServerSettingsForm settings={settings} />
    </div>
  );
}
