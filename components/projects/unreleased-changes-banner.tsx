// Saving a step changes the process, not existing releases: this banner says so.
import type { ProjectView } from "@/server/contracts/projects.ts";
import { LinkButton } from "./link-button.tsx";

export function UnreleasedChangesBanner({ project }: { project: ProjectView }) {
  if (!project.hasUnreleasedChanges) return null;
  return (
    <div
      role="status"
      className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
    >
      <p>
        {project.latestRelease ? (
          <>
            The process has changed since release <strong>{project.latestRelease}</strong>. Create a new release to deploy these changes.
          </>
        ) : (
          <>The process has not been released yet. Create a release to deploy it.</>
        )}
      </p>
      <LinkButton href={`/projects/${project.id}/releases/new`} variant="primary">
        Create release
      </LinkButton>
    </div>
  );
}
