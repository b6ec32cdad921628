import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/notice.tsx";

export const metadata: Metadata = { title: "Audit" };

export default function AuditPage() {
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Audit</h1>
      <EmptyState title="Audit browser — coming with snapshots">
        Frozen Kubernetes object status snapshots of every step will be searchable and exportable here.
      </EmptyState>
    </div>
  );
}
