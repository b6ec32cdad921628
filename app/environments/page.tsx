import type { Metadata } from "next";
import { appContext } from "@/server/context.ts";
import { listEnvironments } from "@/server/process/environments.ts";
import { EmptyState } from "@/components/ui/notice.tsx";
import { LinkButton } from "@/components/projects/link-button.tsx";
import { EnvironmentTable } from "@/components/environments/environment-table.tsx";
import { requirePagePermission } from "@/server/auth/page-auth.ts";
import { can } from "@/server/auth/permissions.ts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Environments" };

export default async function EnvironmentsPage() {
  const principal = await requirePagePermission("environment:read");
  const environments = await listEnvironments(appContext().db);
  const create = can(principal, "environment:write") ? (
    <LinkButton href="/environments/new" variant="primary">
      Create environment
    </LinkButton>
  ) : null;
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Environments</h1>
        {environments.length > 0 ? create : null}
      </div>
      {environments.length === 0 ? (
        <EmptyState title="No environments yet" action={create}>
          An environment connects kdeploy to a Kubernetes cluster: an API server, credentials and a default namespace.
        </EmptyState>
      ) : (
        <EnvironmentTable environments={environments} editable={can(principal, "environment:write")} />
      )}
    </div>
  );
}
