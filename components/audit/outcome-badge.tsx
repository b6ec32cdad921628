// A step outcome in the audit pages, with the same badge as the deployment pages.
import { StatusBadge } from "@/components/deployments/status-badge.tsx";
import type { AuditOutcome } from "@/server/contracts/audit.ts";

export function OutcomeBadge({ outcome }: { outcome: AuditOutcome }) {
  return <StatusBadge status={outcome} />;
}
