// Breadcrumb and title of the step pages.
import Link from "next/link";

export function StepPageHeader({ projectId, projectName, title, subtitle }: { projectId: string; projectName: string; title: string; subtitle?: string }) {
  return (
    <header className="mb-6">
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <ol className="flex flex-wrap items-center gap-1">
          <li>
            <Link href="/" className="hover:text-slate-800">
              Projects
            </Link>
          </li>
          <li aria-hidden="true">/</li>
          <li>
            <Link href={`/projects/${projectId}`} className="hover:text-slate-800">
              {projectName}
            </Link>
          </li>
          <li aria-hidden="true">/</li>
          <li>
            <Link href={`/projects/${projectId}`} className="hover:text-slate-800">
              Deployment process
            </Link>
          </li>
        </ol>
      </nav>
      <h1 className="text-2xl font-semibold text-slate-900">{title}</h1>
      {subtitle ? <p className="mt-1 text-sm text-slate-600">{subtitle}</p> : null}
    </header>
  );
}
