"use client";
// What the last save did: saved (with the reminder that releases are immutable), a conflict with
// someone else's save, or a failure.
import Link from "next/link";
import { Button } from "@/components/ui/button.tsx";
import { Notice } from "@/components/ui/notice.tsx";

export function SavedNotice({ projectId }: { projectId: string }) {
  return (
    <Notice tone="success">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p>Saved. Create a new release to deploy these changes.</p>
        <Link href={`/projects/${projectId}/releases/new`} className="rounded-md bg-green-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-green-800">
          Create release
        </Link>
      </div>
    </Notice>
  );
}

export function ConflictNotice({ message, onReload, reloading }: { message: string; onReload: () => void; reloading: boolean }) {
  return (
    <Notice tone="error" title="Someone else saved this step first">
      <div className="mt-1 flex flex-wrap items-center justify-between gap-3">
        <p>{message}</p>
        <Button variant="secondary" onClick={onReload} disabled={reloading}>
          {reloading ? "Reloading…" : "Reload"}
        </Button>
      </div>
    </Notice>
  );
}

export function FailedNotice({ message }: { message: string }) {
  return (
    <Notice tone="error" title="The step was not saved">
      <p>{message}</p>
    </Notice>
  );
}
