import { LinkButton } from "@/components/projects/link-button.tsx";

export default function NotFound() {
  return (
    <div className="mx-auto flex max-w-lg flex-col items-center gap-4 rounded-lg border border-slate-200 bg-white px-6 py-12 text-center shadow-sm">
      <p className="text-sm font-semibold text-blue-700">404</p>
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="text-sm text-slate-600">The page or record you asked for does not exist. It may have been deleted, or the link may be mistyped.</p>
      <LinkButton href="/" variant="primary">
        Go to projects
      </LinkButton>
    </div>
  );
}
