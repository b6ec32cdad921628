"use client";
// Field errors of the last save (or client check), keyed by issue path ("config.deployment.name").
// Every input renders `data-field-path` so the error summary can find and focus it.
import { createContext, useContext, type ReactNode } from "react";

const FieldErrorsContext = createContext<Record<string, string[]>>({});
const FieldEditedContext = createContext<(path: string) => void>(() => undefined);

/** `onFieldEdited(path)`: an input at `path` changed, so the save's errors there are about an older value. */
export function FieldErrorsProvider({
  errors,
  onFieldEdited = () => undefined,
  children,
}: {
  errors: Record<string, string[]>;
  onFieldEdited?: (path: string) => void;
  children: ReactNode;
}) {
  return (
    <FieldErrorsContext.Provider value={errors}>
      <FieldEditedContext.Provider value={onFieldEdited}>{children}</FieldEditedContext.Provider>
    </FieldErrorsContext.Provider>
  );
}

/** What an input calls when its value changes (see FieldErrorsProvider). */
export function useFieldEdited(): (path: string) => void {
  return useContext(FieldEditedContext);
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
