"use client";
// The step sections of a deployment (or the one step of a snapshot) with the details drawer of the
// selected row: the same component live and frozen. The open drawer is in the URL (?object=), so
// a link opens the page with it; Escape or Close returns focus to what opened it (or its row).
import { ObjectDrawer } from "./object-drawer.tsx";
import type { LiveStepTable } from "./row-reducer.ts";
import { StepSection } from "./step-section.tsx";
import { useObjectLink } from "./use-object-link.ts";

export function StepSections({ steps, withStepInUrl }: { steps: LiveStepTable[]; withStepInUrl: boolean }) {
  const { selection, open, close, hrefOf } = useObjectLink(withStepInUrl);

  // The drawer follows the live row; a row not (yet) there keeps it closed. A link without a
  // step opens the object in the first step that has it.
  const selectedStep = selection
    ? steps.find((step) => (selection.stepRunId ? step.stepRunId === selection.stepRunId : step.rows.has(selection.key)))
    : undefined;
  const selectedRow = selection && selectedStep ? selectedStep.rows.get(selection.key) : undefined;
  const selectedStepRunId = selectedStep?.stepRunId;
  const selectedKey = selection?.key;

  const onClose = () => {
    const closed = selectedStepRunId && selectedKey ? { stepRunId: selectedStepRunId, key: selectedKey } : null;
    close();
    // Opened from a link or from the URL itself: nothing to return to, so focus goes to the row.
    requestAnimationFrame(() => {
      if (!closed || (document.activeElement && document.activeElement !== document.body)) return;
      document
        .querySelector<HTMLElement>(`section[data-step-run="${CSS.escape(closed.stepRunId)}"] tr[data-row-key="${CSS.escape(closed.key)}"] [data-row-open]`)
        ?.focus();
    });
  };

  return (
    <>
      {steps.map((step, index) => (
        <StepSection
          key={step.stepRunId}
          step={step}
          number={index + 1}
          selectedKey={selectedStep?.stepRunId === step.stepRunId && selection ? selection.key : null}
          onOpen={open}
          hrefOf={hrefOf}
        />
      ))}
      {selectedStep && selectedRow ? (
        <ObjectDrawer
          key={`${selectedStep.stepRunId}/${selectedRow.key}`}
          stepRunId={selectedStep.stepRunId}
          row={selectedRow}
          link={hrefOf(selectedStep.stepRunId, selectedRow.key)}
          onClose={onClose}
        />
      ) : null}
    </>
  );
}
