// A link that looks like a button (navigation stays a link, so it opens in a new tab and is announced as a link).
import Link from "next/link";
import type { ComponentProps } from "react";

const styles = {
  primary: "bg-blue-600 text-white hover:bg-blue-700",
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50",
} as const;

export function LinkButton({ variant = "secondary", className = "", ...props }: ComponentProps<typeof Link> & { variant?: keyof typeof styles }) {
  return <Link className={`inline-flex items-center gap-2 rounded-md px-3 py-1.5 text-sm font-medium ${styles[variant]} ${className}`} {...props} />;
}
