import { appContext } from "@/server/context.ts";
import { listProjects } from "@/server/process/projects.ts";
import { EmptyState } from "@/components/ui/notice.tsx";
import { LinkButton } from "@/components/projects/link-button.tsx";
import { ProjectTable } from "@/components/projects/project-table.tsx";
import { pagePrincipal, requirePagePermission } from "@/server/auth/page-auth.ts";
import { can } from "@/server/auth/permissions.ts";
import { redirect } from "next/navigation";

export const dynamic = "force-dynamic";

export default async function ProjectsPage() {
  // The start page: auditors (no project access) start in the audit browser instead of a 403.
  const signedIn = await pagePrincipal();
  if (signedIn && !can(signedIn, "project:read") && can(signedIn, "audit:read")) redirect("/audit");
  const principal = await requirePagePermission("project:read");
  const mayCreate = can(principal, "project:write");
  const projects = await listProjects(appContext().db);
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Projects</h1>
        {projects.length > 0 && mayCreate ? (
          <LinkButton href="/projects/new" variant="primary">
            Create project
          </LinkButton>
        ) : null}
      </div>
      {projects.length === 0 ? (
        <EmptyState
          title="No projects yet"
          action={
            mayCreate ? (
              <LinkButton href="/projects/new" variant="primary">
                Create project
              </LinkButton>
            ) : null
          }
        >
          A project holds a deployment process (its steps) and the releases made from it.
        </EmptyState>
      ) : (
        <ProjectTable projects={projects} />
      )}
    </div>
  );
}
