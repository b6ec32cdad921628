"use client";
// The failure summary of one step in the task log: the same block as on the Kubernetes Object
// Status tab, each object linking to its row there (the page opens with its drawer).
import { useParams } from "next/navigation";
import { FailureSummaryView } from "@/components/audit/failure-summary-view.tsx";
import { objectHref } from "./use-object-link.ts";

export function StepFailureSummary({ stepRunId, summary }: { stepRunId: string; summary: unknown }) {
  const deploymentId = useParams<{ deploymentId?: string }>()?.deploymentId;
  const hrefOf = deploymentId ? (key: string) => `/deployments/${encodeURIComponent(deploymentId)}${objectHref("", key, stepRunId)}` : undefined;
  return <FailureSummaryView summary={summary} headingLevel={4} objectHref={hrefOf} />;
}
