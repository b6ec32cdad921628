import type { Metadata } from "next";
import { appContext } from "@/server/context.ts";
import { requirePagePermission } from "@/server/auth/page-auth.ts";
import { listApiTokens } from "@/server/auth/api-tokens.ts";
import { ROLE_LABELS } from "@/server/auth/permissions.ts";
import { TokenManager } from "@/components/auth/token-manager.tsx";

export const metadata: Metadata = { title: "Your account" };
export const dynamic = "force-dynamic";

export default async function AccountPage() {
  const principal = await requirePagePermission("self");
  const tokens = await listApiTokens(appContext().db, principal.id);
  return (
    <div className="flex flex-col gap-8">
      <div>
        <h1 className="text-2xl font-semibold">{principal.name}</h1>
        <p className="mt-1 text-sm text-slate-600">
          {principal.email} · {principal.roles.map((role) => ROLE_LABELS[role]).join(", ") || "No role yet: ask an administrator"}
        </p>
      </div>
      <section className="flex flex-col gap-3">
        <h2 className="text-lg font-semibold">API tokens</h2>
        <TokenManager initial={tokens} />
      </section>
    </div>
  );
}
