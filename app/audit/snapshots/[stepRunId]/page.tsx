// A frozen snapshot, read-only, as auditors see it: where it comes from, its outcome, when it
// was taken, then the step's section as the deployment page shows it (the failure summary inline,
// the same object table and drawer; `?object=<key>` opens an object's drawer).
import type { Metadata } from "next";
import Link from "next/link";
import { appContext } from "@/server/context.ts";
import { loadSnapshot } from "@/server/audit/snapshot.ts";
import { orNotFound } from "@/components/projects/or-not-found.ts";
import { OutcomeBadge } from "@/components/audit/outcome-badge.tsx";
import { ExportLinks } from "@/components/audit/export-links.tsx";
import { SnapshotObjectStatus } from "@/components/object-status/snapshot-object-status.tsx";
import { requirePagePermission } from "@/server/auth/page-auth.ts";
import { loadStepTimelines } from "@/server/process/step-timelines.ts";
import { StepTimelinesProvider } from "@/components/timeline/timeline-data.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Snapshot · Audit" };

export default async function SnapshotPage({ params }: { params: Promise<{ stepRunId: string }> }) {
  await requirePagePermission("audit:read");
  const { stepRunId } = await params;
  const snapshot = await orNotFound(loadSnapshot(appContext().db, stepRunId));
  return (
    <div className="flex flex-col gap-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
        <Link href="/audit" className="text-blue-700 underline-offset-2 hover:underline">
          Audit
        </Link>{" "}
        / Snapshot
      </nav>
      <header className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold">{snapshot.stepName}</h1>
          <OutcomeBadge outcome={snapshot.outcome} />
        </div>
        <p className="text-sm text-slate-700">
          {snapshot.projectName} · release {snapshot.releaseVersion} · {snapshot.environmentName} ·{" "}
          <Link href={`/deployments/${snapshot.deploymentId}`} className="text-blue-700 underline-offset-2 hover:underline">
            Open deployment
          </Link>
        </p>
        {/* The counts, the snapshot time and the outcome message are in the step's section below. */}
        <div className="flex flex-wrap items-center justify-end gap-3 text-sm">
          <ExportLinks baseHref={`/api/audit/snapshots/${snapshot.stepRunId}/export`} label="Export this snapshot" />
        </div>
      </header>
      <StepTimelinesProvider timelines={await loadStepTimelines(appContext().db, [snapshot.stepRunId])}>
        <SnapshotObjectStatus snapshot={snapshot} />
      </StepTimelinesProvider>
    </div>
  );
}
