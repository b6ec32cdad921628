"use client";
// One step of the process: what it is, how it is verified, and its actions.
import Link from "next/link";
import type { StepView } from "@/server/contracts/projects.ts";
import { STEP_TYPE_LABELS } from "@/server/contracts/steps/index.ts";
import { Button } from "@/components/ui/button.tsx";
import { verificationSummary } from "./verification-summary.ts";

type StepRowProps = {
  projectId: string;
  step: StepView;
  index: number;
  count: number;
  busy: boolean;
  onMove: (direction: "up" | "down") => void;
  onToggle: () => void;
  onDelete: () => void;
};

export const moveButtonId = (stepId: string, direction: "up" | "down") => `move-${direction}-${stepId}`;

export function StepRow({ projectId, step, index, count, busy, onMove, onToggle, onDelete, editable = true }: StepRowProps & { editable?: boolean }) {
  const verification = verificationSummary(step.verification);
  return (
    <li className={`flex flex-wrap items-center gap-4 px-5 py-3 ${step.enabled ? "" : "bg-slate-50"}`}>
      <span
        className="flex h-7 w-7 shrink-0 items-center justify-center rounded-full bg-slate-100 text-sm font-semibold tabular-nums text-slate-700"
        aria-label={`Position ${index + 1}`}
      >
        {index + 1}
      </span>
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-2">
          {editable ? (
            <Link
              href={`/projects/${projectId}/steps/${step.id}`}
              className={`font-medium hover:underline ${step.enabled ? "text-slate-900" : "text-slate-500"}`}
            >
              {step.name}
            </Link>
          ) : (
            <span className={`font-medium ${step.enabled ? "text-slate-900" : "text-slate-500"}`}>{step.name}</span>
          )}
          {step.enabled ? null : <span className="rounded-full bg-slate-200 px-2 py-0.5 text-xs font-medium text-slate-700">Disabled</span>}
        </div>
        <p className="text-xs text-slate-600">{STEP_TYPE_LABELS[step.type] ?? step.type}</p>
        <p className={`text-xs ${verification === "Verification off" ? "text-amber-700" : "text-slate-500"}`}>{verification}</p>
      </div>
      {editable ? (
        <div className="flex flex-wrap items-center gap-1" role="group" aria-label={`Actions for ${step.name}`}>
          <Link
            href={`/projects/${projectId}/steps/${step.id}`}
            className="rounded-md px-2 py-1 text-sm font-medium text-blue-700 hover:bg-blue-50"
            aria-label={`Edit ${step.name}`}
          >
            Edit
          </Link>
          <Button
            id={moveButtonId(step.id, "up")}
            variant="ghost"
            disabled={busy || index === 0}
            onClick={() => onMove("up")}
            aria-label={`Move ${step.name} up`}
          >
            <span aria-hidden="true">↑</span> Up
          </Button>
          <Button
            id={moveButtonId(step.id, "down")}
            variant="ghost"
            disabled={busy || index === count - 1}
            onClick={() => onMove("down")}
            aria-label={`Move ${step.name} down`}
          >
            <span aria-hidden="true">↓</span> Down
          </Button>
          <Button variant="ghost" disabled={busy} onClick={onToggle} aria-label={`${step.enabled ? "Disable" : "Enable"} ${step.name}`}>
            {step.enabled ? "Disable" : "Enable"}
          </Button>
          <Button variant="ghost" disabled={busy} onClick={onDelete} className="text-red-700 hover:bg-red-50" aria-label={`Delete ${step.name}`}>
            Delete
          </Button>
        </div>
      ) : null}
    </li>
  );
}
