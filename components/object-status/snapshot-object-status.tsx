"use client";
// A frozen snapshot (audit snapshot page) in the very same step section as the deployment page:
// same tree, columns and drawer (the drawer reads the frozen row and the stored details), the
// failure summary inline, absolute times. `?object=<key>` opens the page with that drawer open.
import { useMemo } from "react";
import type { SnapshotDetail } from "@/server/contracts/audit.ts";
import type { ObjectRowView } from "@/server/contracts/object-status.ts";
import type { LiveStepTable } from "./row-reducer.ts";
import { StepSections } from "./step-sections.tsx";

export function SnapshotObjectStatus({ snapshot }: { snapshot: SnapshotDetail }) {
  const step = useMemo<LiveStepTable>(() => snapshotStep(snapshot), [snapshot]);
  return <StepSections steps={[step]} withStepInUrl={false} />;
}

export function snapshotStep(snapshot: SnapshotDetail): LiveStepTable {
  const rows = new Map<string, ObjectRowView>();
  for (const object of snapshot.objects)
    rows.set(object.objectKey, {
      key: object.objectKey,
      uid: object.uid,
      parentKey: object.parentKey,
      apiVersion: object.apiVersion,
      kind: object.kind,
      namespace: object.namespace,
      name: object.name,
      status: object.status,
      message: object.message,
      summary: object.summary,
      lastChangeAt: object.lastChangeAt,
    });
  return {
    stepRunId: snapshot.stepRunId,
    position: snapshot.stepPosition,
    name: snapshot.stepName,
    status: snapshot.outcome,
    outcomeMessage: snapshot.outcomeMessage,
    verificationEnabled: true,
    phase: { name: "finished" },
    frozenAt: snapshot.frozenAt,
    seq: 0,
    rows,
    failureSummary: snapshot.failureSummary ?? null,
  };
}
