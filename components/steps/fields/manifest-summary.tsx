"use client";
// Early feedback on Kubernetes YAML while typing: how many objects, or what is wrong. A problem
// the field already shows as an error of the last save (the server words it the same way) is not
// repeated here, so each message appears once.
import { useDeferredValue, useMemo } from "react";
import { useFieldErrors } from "../field-errors.tsx";
import { checkManifestSafely } from "./manifest-check.ts";

export function ManifestSummary({ text, label, path }: { text: string; label?: string; path?: string }) {
  const deferred = useDeferredValue(text);
  const result = useMemo(() => checkManifestSafely(deferred), [deferred]);
  const shown = useFieldErrors(path);
  if (!result) return null;
  const { objects } = result;
  const problems = result.problems
    .map((problem) => `${label ? `${label}, document` : "Document"} ${problem.document}: ${problem.message}`)
    .filter((line) => !shown?.includes(line));
  if (objects.length === 0 && problems.length === 0) return null;
  return (
    <div aria-live="polite" className="text-xs">
      {objects.length > 0 ? (
        <p className="text-slate-600">
          {label ? `${label}: ` : ""}
          {objects.length} object{objects.length === 1 ? "" : "s"}: {objects.map((object) => `${object.kind} ${object.name}`).join(", ")}
        </p>
      ) : null}
      {problems.map((line, index) => (
        <p key={index} className="text-amber-800">
          {line}
        </p>
      ))}
    </div>
  );
}
