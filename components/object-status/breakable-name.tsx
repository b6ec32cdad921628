// A Kubernetes name that wraps where a person would break it: after "-", "." and "/" (a <wbr>
// after each), so "payments-api-7d9f8c6b5-x2kqz" never overflows its column and never breaks in
// the middle of a word while a sensible point exists. Names are text nodes, never markup.
import { Fragment } from "react";

const breakAfter = /([-./])/;

export function BreakableName({ text }: { text: string }) {
  const parts = text.split(breakAfter);
  if (parts.length === 1) return text;
  return parts.map((part, index) => (
    <Fragment key={index}>
      {part}
      {index % 2 === 1 ? <wbr /> : null}
    </Fragment>
  ));
}
