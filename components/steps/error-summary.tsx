"use client";
// The summary at the top of the form after a failed save. A problem that belongs to a field on the
// page is shown next to that field and listed here by the field's name, as a link that focuses it;
// a problem without a field on the page is listed here with its message.
import { useLayoutEffect, useState, type Ref, type RefObject } from "react";
import { findFieldElement } from "./field-errors.tsx";

type Problem = { path: string; message: string; target?: HTMLElement; fieldName?: string };

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
}: {
  errors: Record<string, string[]>;
  formRef: RefObject<HTMLFormElement | null>;
  ref?: Ref<HTMLDivElement>;
}) {
  const [problems, setProblems] = useState<Problem[]>([]);
  // The fields render first; then we can tell which problems have a place on the page.
  useLayoutEffect(() => {
    const root = formRef.current;
    const located = Object.entries(errors).flatMap(([path, messages]) => {
      const target = root ? locate(root, path) : undefined;
      const name = target ? fieldName(target) : undefined;
      // A field with several problems is listed once: its own errors say what they are.
      return target && name ? [{ path, message: "", target, fieldName: name }] : messages.map((message) => ({ path, message, target }));
    });
    setProblems(located);
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
        The step was not saved. {problems.length === 1 ? "One problem needs" : `${problems.length} problems need`} your attention:
      </h2>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {problems.map((problem, index) => (
          <li key={index}>
            {problem.target ? <FieldLink target={problem.target}>{problem.fieldName ?? problem.message}</FieldLink> : <span>{problem.message}</span>}
          </li>
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
