"use client";
// The ordered deployment process with keyboard-usable reorder, enable/disable and delete.
import { useEffect, useRef, useState } from "react";
import type { StepView } from "@/server/contracts/projects.ts";
import { Button } from "@/components/ui/button.tsx";
import { EmptyState, Notice } from "@/components/ui/notice.tsx";
import { AddStepMenu } from "./add-step-menu.tsx";
import { ConfirmDialog } from "./confirm-dialog.tsx";
import { moveButtonId, StepRow } from "./step-row.tsx";
import { useProcessActions } from "./use-process-actions.ts";

type Focus = { stepId: string; direction: "up" | "down" };

/** editable: false for roles that may read the process but not change it (no edit controls). */
export function StepList({
  projectId,
  processVersion,
  steps,
  editable = true,
}: {
  projectId: string;
  processVersion: number;
  steps: StepView[];
  editable?: boolean;
}) {
  const actions = useProcessActions(projectId, processVersion);
  const [toDelete, setToDelete] = useState<StepView | null>(null);
  const focusAfterMove = useRef<Focus | null>(null);
  const [announcement, setAnnouncement] = useState("");

  // After a move the row re-renders in its new place: keep focus on the same button (or its
  // neighbour when the step reached the top or bottom) so the keyboard user can keep moving it.
  useEffect(() => {
    const focus = focusAfterMove.current;
    if (!focus || actions.pending) return;
    focusAfterMove.current = null;
    const preferred = document.getElementById(moveButtonId(focus.stepId, focus.direction)) as HTMLButtonElement | null;
    const other = document.getElementById(moveButtonId(focus.stepId, focus.direction === "up" ? "down" : "up")) as HTMLButtonElement | null;
    (preferred && !preferred.disabled ? preferred : other)?.focus();
  }, [actions.pending, steps]);

  function move(step: StepView, index: number, direction: "up" | "down") {
    const target = direction === "up" ? index - 1 : index + 1;
    if (target < 0 || target >= steps.length) return;
    const ids = steps.map((s) => s.id);
    [ids[index], ids[target]] = [ids[target]!, ids[index]!];
    actions.reorder(ids, () => {
      focusAfterMove.current = { stepId: step.id, direction };
      setAnnouncement(`${step.name} moved to position ${target + 1} of ${steps.length}`);
    });
  }

  if (steps.length === 0) {
    return (
      <EmptyState title="No steps yet" action={editable ? <AddStepMenu projectId={projectId} /> : null}>
        Add the first step of the deployment process, or import a process exported from another project.
      </EmptyState>
    );
  }

  return (
    <div className="flex flex-col gap-3">
      {actions.error ? (
        <Notice tone="error" title={actions.error.conflict ? "Someone else changed the process" : "The change was not saved"}>
          <p>{actions.error.message}</p>
          <div className="mt-2 flex gap-2">
            {actions.error.conflict ? <Button onClick={actions.reload}>Reload</Button> : null}
            <Button variant="ghost" onClick={actions.clearError}>
              Dismiss
            </Button>
          </div>
        </Notice>
      ) : null}
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
      <ol
        aria-label="Deployment process steps"
        aria-busy={actions.pending}
        className="divide-y divide-slate-100 overflow-hidden rounded-lg border border-slate-200"
      >
        {steps.map((step, index) => (
          <StepRow
            key={step.id}
            projectId={projectId}
            step={step}
            index={index}
            count={steps.length}
            busy={actions.pending}
            onMove={(direction) => move(step, index, direction)}
            onToggle={() => actions.setEnabled(step, !step.enabled)}
            onDelete={() => setToDelete(step)}
            editable={editable}
          />
        ))}
      </ol>
      <ConfirmDialog
        open={toDelete !== null}
        title={`Delete step "${toDelete?.name ?? ""}"?`}
        confirmLabel="Delete step"
        busy={actions.pending}
        onCancel={() => setToDelete(null)}
        onConfirm={() => toDelete && actions.remove(toDelete, () => setToDelete(null))}
      >
        The step is removed from the process. Existing releases keep their copy of it; the next release will not include it.
      </ConfirmDialog>
    </div>
  );
}
