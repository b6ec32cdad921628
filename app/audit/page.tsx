// The auditors' browser: frozen snapshots of every step, and the change trail beside them.
import type { Metadata } from "next";
import { requirePagePermission } from "@/server/auth/page-auth.ts";
import { AuditViewSwitch } from "@/components/audit/audit-view-switch.tsx";
import { singleValues, type RawSearchParams } from "./search-params.ts";
import { SnapshotSearchView } from "./snapshot-search-view.tsx";
import { ChangeTrailView } from "./change-trail-view.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Audit" };

const DESCRIPTIONS = {
  snapshots: "Search the frozen Kubernetes object status snapshots of every step, across projects, environments and time.",
  changes: "Who created or changed which project, step, environment, target, user or role, who deployed what, when and from where.",
};

export default async function AuditPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const principal = await requirePagePermission("audit:read");
  const values = singleValues(await searchParams);
  const view = values.view === "changes" ? "changes" : "snapshots";
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Audit</h1>
        <p className="mt-1 text-sm text-slate-600">{DESCRIPTIONS[view]}</p>
      </div>
      <AuditViewSwitch current={view} />
      {view === "changes" ? <ChangeTrailView values={values} principal={principal} /> : <SnapshotSearchView values={values} />}
    </div>
  );
}
