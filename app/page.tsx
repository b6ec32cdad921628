import { appContext } from "@/server/context.ts";
import { listProjects } from "@/server/process/projects.ts";
import { EmptyState } from "@/components/ui/notice.tsx";
import { LinkButton } from "@/components/projects/link-button.tsx";
import { ProjectTable } from "@/components/projects/project-table.tsx";

export const dynamic = "force-dynamic";

export default async function ProjectsPage() {
  const projects = await listProjects(appContext().db);
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Projects</h1>
        {projects.length > 0 ? (
          <LinkButton href="/projects/new" variant="primary">
            Create project
          </LinkButton>
        ) : null}
      </div>
      {projects.length === 0 ? (
        <EmptyState
          title="No projects yet"
          action={
            <LinkButton href="/projects/new" variant="primary">
              Create project
            </LinkButton>
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
