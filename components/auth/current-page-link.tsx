"use client";
// A main-navigation link that knows whether it is the current page: aria-current="page" for
// assistive technology, and an underline and darker text for everyone else.
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { isCurrentSection } from "./current-page.ts";

const linkClass = "text-sm text-slate-600 underline-offset-[6px] hover:text-slate-900";
const currentClass = "font-semibold text-slate-900 underline decoration-blue-600 decoration-2";

export function CurrentPageLink({ href, title, children }: { href: string; title?: string; children: ReactNode }) {
  const current = isCurrentSection(href, usePathname());
  return (
    <Link href={href} title={title} aria-current={current ? "page" : undefined} className={`${linkClass} ${current ? currentClass : ""}`}>
      {children}
    </Link>
  );
}
