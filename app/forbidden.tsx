import Link from "next/link";

/** Rendered with status 403 when a signed-in user's role may not open a page. */
export default function Forbidden() {
  return (
    <div className="mx-auto flex max-w-lg flex-col gap-3 pt-8">
      <p className="text-sm font-semibold text-slate-500">403</p>
      <h1 className="text-2xl font-semibold">Your role does not allow this page</h1>
      <p className="text-sm text-slate-600">Ask an administrator for the role you need, or go back to what you may see.</p>
      <Link href="/" className="text-sm font-medium text-blue-700 underline">
        Go to the start page
      </Link>
    </div>
  );
}
