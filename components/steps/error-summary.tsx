"use client";
// The summary at the top of the form after a failed save. Every problem is listed with its
// message; one that belongs to a field on the page reads "Field: message" and is a link that
// focuses the field (where the message is shown too).
import { useLayoutEffect, useState, type Ref, type RefObject } from "react";
import { findFieldElement } from "./field-errors.tsx";

export type Problem = { path: string; message: string; target?: HTMLElement; fieldName?: string };

/** One entry per message, each tied to the field (or enclosing section) that shows it, if any. */
export function summaryProblems(
  errors: Record<string, string[]>,
  find: (path: string) => { target: HTMLElement; name: string | undefined } | undefined,
): Problem[] {
  return Object.entries(errors).flatMap(([path, messages]) => {
    const found = find(path);
    return messages.map((message) => ({ path, message, target: found?.target, fieldName: found?.name }));
  });
}

/** "Replicas: must be a whole number", or the message alone when no field on the page shows it. */
export const problemText = (problem: Problem) => (problem.fieldName ? `${problem.fieldName}: ${problem.message}` : problem.message);

/** Finds the field for a path, or the nearest enclosing list or section that shows errors. */
function locate(root: HTMLElement, path: string): HTMLElement | undefined {
  for (let parts = path.split("."); parts.length > 0; parts = parts.slice(0, -1)) {
    const element = findFieldElement(root, parts.join("."));
    if (element) return element;
  }
  return undefined;
}

/** The name a user sees for a field: its label, its legend, or its accessible label. */
function fieldName(element: HTMLElement): string | undefined {
  const labelled = element as HTMLInputElement;
  const text = labelled.labels?.[0]?.textContent ?? element.querySelector(":scope > legend")?.textContent ?? element.getAttribute("aria-label");
  return text?.trim() || undefined;
}

export function ErrorSummary({
  errors,
  formRef,
  ref,
  title = "The step was not saved.",
}: {
  errors: Record<string, string[]>;
  formRef: RefObject<HTMLFormElement | null>;
  ref?: Ref<HTMLDivElement>;
  /** The heading's first sentence: what did not go through. */
  title?: string;
}) {
  const [problems, setProblems] = useState<Problem[]>([]);
  // The fields render first; then we can tell which problems have a place on the page.
  useLayoutEffect(() => {
    const root = formRef.current;
    setProblems(
      summaryProblems(errors, (path) => {
        const target = root ? locate(root, path) : undefined;
        return target ? { target, name: fieldName(target) } : undefined;
      }),
    );
  }, [errors, formRef]);
  if (Object.keys(errors).length === 0) return null;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby="error-summary-heading"
      data-testid="error-summary"
      className="rounded-lg border-2 border-red-300 bg-red-50 px-5 py-4 text-sm text-red-900 outline-none"
    >
      <h2 id="error-summary-heading" className="font-semibold">
        {title} {problems.length === 1 ? "One problem needs" : `${problems.length} problems need`} your attention:
      </h2>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {problems.map((problem, index) => (
          <li key={index}>{problem.target ? <FieldLink target={problem.target}>{problemText(problem)}</FieldLink> : <span>{problemText(problem)}</span>}</li>
        ))}
      </ul>
    </div>
  );
}

function FieldLink({ target, children }: { target: HTMLElement; children: string }) {
  return (
    <a
      href={target.id ? `#${target.id}` : "#"}
      className="underline hover:text-red-700"
      onClick={(event) => {
        event.preventDefault();
        target.scrollIntoView({ block: "center" });
        target.focus();
      }}
    >
      {children}
    </a>
  );
}
