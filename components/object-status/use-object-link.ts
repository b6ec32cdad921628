"use client";
// Which object's drawer is open, kept in the page's URL: `?object=<key>` (and `step=<stepRunId>`
// on the deployment page, where one object can be in several steps), so every object has a link
// that opens the page with its drawer open. The URL is updated in place (replaceState): opening
// and closing drawers does not fill the history.
import { useSearchParams } from "next/navigation";
import { useCallback, useState } from "react";

export type ObjectSelection = { stepRunId: string | null; key: string };

export const OBJECT_PARAM = "object";
export const STEP_PARAM = "step";

/** The link of one object on the current page (path and the other query parameters kept). */
export function objectHref(search: string, key: string, stepRunId: string | null): string {
  const params = new URLSearchParams(search);
  params.set(OBJECT_PARAM, key);
  if (stepRunId) params.set(STEP_PARAM, stepRunId);
  else params.delete(STEP_PARAM);
  return `?${params.toString()}`;
}

export function useObjectLink(withStep: boolean) {
  const searchParams = useSearchParams();
  const [selection, setSelection] = useState<ObjectSelection | null>(() => {
    const key = searchParams?.get(OBJECT_PARAM);
    return key ? { key, stepRunId: searchParams?.get(STEP_PARAM) ?? null } : null;
  });

  const writeUrl = useCallback(
    (next: ObjectSelection | null) => {
      const url = new URL(window.location.href);
      if (next) {
        url.searchParams.set(OBJECT_PARAM, next.key);
        if (withStep && next.stepRunId) url.searchParams.set(STEP_PARAM, next.stepRunId);
      } else {
        url.searchParams.delete(OBJECT_PARAM);
        url.searchParams.delete(STEP_PARAM);
      }
      // null state: Next's router then takes the new URL as its own (given its own state back, it
      // would treat the call as internal and put its old URL back on its next refresh).
      window.history.replaceState(null, "", url);
    },
    [withStep],
  );

  const open = useCallback(
    (stepRunId: string, key: string) => {
      const next = { stepRunId, key };
      setSelection(next);
      writeUrl(next);
    },
    [writeUrl],
  );
  const close = useCallback(() => {
    setSelection(null);
    writeUrl(null);
  }, [writeUrl]);

  /** The link of an object, for the drawer and the failure summary. */
  const hrefOf = useCallback(
    (stepRunId: string, key: string) => objectHref(searchParams?.toString() ?? "", key, withStep ? stepRunId : null),
    [searchParams, withStep],
  );

  return { selection, open, close, hrefOf };
}
