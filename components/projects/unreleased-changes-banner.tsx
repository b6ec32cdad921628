// Saving a step changes the process, not existing releases: this banner says so. It has no
// button of its own: the page's one "Create release" action is in its header, just above.
import type { ProjectView } from "@/server/contracts/projects.ts";

export function UnreleasedChangesBanner({ project }: { project: ProjectView }) {
  if (!project.hasUnreleasedChanges) return null;
  return (
    <div role="status" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      <p>
        {project.latestRelease ? (
          <>
            The process has changed since release <strong>{project.latestRelease}</strong>. Create a new release to deploy these changes.
          </>
        ) : (
          <>The process has not been released yet. Create a release to deploy it.</>
        )}
      </p>
    </div>
  );
}
