"use client";
import Link from "next/link";
import { Button } from "@/components/ui/button.tsx";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div
      role="alert"
      className="mx-auto flex max-w-lg flex-col items-center gap-4 rounded-lg border border-slate-200 bg-white px-6 py-12 text-center shadow-sm"
    >
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="text-sm text-slate-600">
        This page could not be shown. Try again; if it keeps failing, tell your operator
        {error.digest ? (
          <>
            {" "}
            and quote the reference <code className="rounded bg-slate-100 px-1 font-mono text-xs">{error.digest}</code>
          </>
        ) : null}
        .
      </p>
      <div className="flex gap-2">
        <Button variant="primary" onClick={reset}>
          Try again
        </Button>
        <Link
          href="/"
          className="inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
        >
          Go to projects
        </Link>
      </div>
    </div>
  );
}
