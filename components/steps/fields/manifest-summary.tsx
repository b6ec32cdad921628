"use client";
// Early feedback on Kubernetes YAML while typing: how many objects, or what is wrong.
import { useDeferredValue, useMemo } from "react";
import { checkManifestSafely } from "./manifest-check.ts";

export function ManifestSummary({ text, label }: { text: string; label?: string }) {
  const deferred = useDeferredValue(text);
  const result = useMemo(() => checkManifestSafely(deferred), [deferred]);
  if (!result) return null;
  const { objects, problems } = result;
  return (
    <div aria-live="polite" className="text-xs">
      {objects.length > 0 ? (
        <p className="text-slate-600">
          {label ? `${label}: ` : ""}
          {objects.length} object{objects.length === 1 ? "" : "s"}: {objects.map((object) => `${object.kind} ${object.name}`).join(", ")}
        </p>
      ) : null}
      {problems.map((problem, index) => (
        <p key={index} className="text-amber-800">
          {label ? `${label}, ` : ""}document {problem.document}: {problem.message}
        </p>
      ))}
    </div>
  );
}
