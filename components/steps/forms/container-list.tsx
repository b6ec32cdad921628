"use client";
// The containers of the Deployment, one card each.
import { Button } from "@/components/ui/button.tsx";
import { newContainer } from "../new-step-draft.ts";
import { useFieldErrors } from "../field-errors.tsx";
import { ContainerEditor, type ContainerDraft } from "./container-editor.tsx";

const path = "config.deployment.containers";

export function ContainerList({ containers, onChange }: { containers: ContainerDraft[]; onChange: (next: ContainerDraft[]) => void }) {
  const errors = useFieldErrors(path);
  return (
    <div data-field-path={path} tabIndex={-1} className="flex flex-col gap-3 outline-none">
      <h3 className="text-sm font-semibold text-slate-900">Containers</h3>
      {errors?.length ? (
        <p role="alert" className="text-xs font-medium text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
      {containers.map((container, index) => (
        <div key={index} className="rounded-md border border-slate-200 bg-slate-50/60 p-4">
          <div className="mb-3 flex items-center justify-between">
            <p className="text-sm font-medium text-slate-700">Container {index + 1}</p>
            {containers.length > 1 ? (
              <Button variant="ghost" onClick={() => onChange(containers.filter((_, i) => i !== index))}>
                Remove container {index + 1}
              </Button>
            ) : null}
          </div>
          <ContainerEditor
            path={`${path}.${index}`}
            number={index + 1}
            value={container}
            onChange={(next) => onChange(containers.map((c, i) => (i === index ? next : c)))}
          />
        </div>
      ))}
      <div>
        <Button onClick={() => onChange([...containers, { ...newContainer(), name: `app-${containers.length + 1}` }])}>+ Add container</Button>
      </div>
    </div>
  );
}
