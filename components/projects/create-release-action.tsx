// The project page's one "Create release" action. A release copies the process's steps, so with
// no steps there is nothing to release: the button is shown disabled with the reason next to it
// (the server refuses such a release too), instead of a link to a form that can only fail.
import { useId } from "react";
import { Button } from "@/components/ui/button.tsx";
import { LinkButton } from "./link-button.tsx";

export const NO_STEPS_REASON = "Add a step first: a release copies the steps of the process.";

export function CreateReleaseAction({ projectId, stepCount, primary }: { projectId: string; stepCount: number; primary: boolean }) {
  const reasonId = useId();
  if (stepCount === 0) {
    return (
      <span className="flex flex-col items-end gap-1">
        <Button disabled aria-describedby={reasonId}>
          Create release
        </Button>
        <span id={reasonId} className="text-xs text-slate-500">
          {NO_STEPS_REASON}
        </span>
      </span>
    );
  }
  return (
    <LinkButton href={`/projects/${projectId}/releases/new`} variant={primary ? "primary" : "secondary"}>
      Create release
    </LinkButton>
  );
}
