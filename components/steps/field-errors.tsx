"use client";
// Field errors of the last save (or client check), keyed by issue path ("config.deployment.name").
// Every input renders `data-field-path` so the error summary can find and focus it.
import { createContext, useContext, type ReactNode } from "react";

const FieldErrorsContext = createContext<Record<string, string[]>>({});

export function FieldErrorsProvider({ errors, children }: { errors: Record<string, string[]>; children: ReactNode }) {
  return <FieldErrorsContext.Provider value={errors}>{children}</FieldErrorsContext.Provider>;
}

/** Errors reported exactly at `path`. */
export function useFieldErrors(path: string | undefined): string[] | undefined {
  const errors = useContext(FieldErrorsContext);
  return path ? errors[path] : undefined;
}

/** Finds the element that shows errors for `path` inside `root`. */
export function findFieldElement(root: ParentNode, path: string): HTMLElement | null {
  return root.querySelector<HTMLElement>(`[data-field-path="${CSS.escape(path)}"]`);
}
