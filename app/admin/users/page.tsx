import type { Metadata } from "next";
import { appContext } from "@/server/context.ts";
import { requirePagePermission } from "@/server/auth/page-auth.ts";
import { listGroupMappings, listUsers } from "@/server/auth/users.ts";
import { listEnvironments } from "@/server/process/environments.ts";
import { loadConfig } from "@/server/config.ts";
import { UserAdmin } from "@/components/admin/user-admin.tsx";
import { GroupMappings } from "@/components/admin/group-mappings.tsx";

export const metadata: Metadata = { title: "Users and roles" };
export const dynamic = "force-dynamic";

export default async function UsersPage() {
  const principal = await requirePagePermission("users:manage");
  const { db } = appContext();
  const [users, mappings, environments] = await Promise.all([listUsers(db), listGroupMappings(db), listEnvironments(db)]);
  const options = environments.map((environment) => ({ id: environment.id, name: environment.name }));
  return (
    <div className="flex flex-col gap-8">
      <div>
        <h1 className="text-2xl font-semibold">Users and roles</h1>
        <p className="mt-1 text-sm text-slate-600">
          Administrators manage people, environments and settings; release managers configure projects and deploy; team members watch; auditors read finished
          deployments and the audit browser.
        </p>
      </div>
      <UserAdmin initial={users} environments={options} currentUserId={principal.id} />
      <section className="flex flex-col gap-3">
        <h2 className="text-lg font-semibold">Single sign-on groups</h2>
        <GroupMappings initial={mappings} environments={options} oidcConfigured={Boolean(loadConfig().oidc)} />
      </section>
    </div>
  );
}
