"use client";
// "Add step": a disclosure listing the eight step types; each links to the step editor.
import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { STEP_TYPES, STEP_TYPE_LABELS } from "@/server/contracts/steps/index.ts";

export function AddStepMenu({ projectId, variant = "primary" }: { projectId: string; variant?: "primary" | "secondary" }) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const closeOnOutsideClick = (event: MouseEvent) => {
      if (!containerRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", closeOnOutsideClick);
    return () => document.removeEventListener("mousedown", closeOnOutsideClick);
  }, [open]);

  const buttonStyle = variant === "primary" ? "bg-blue-600 text-white hover:bg-blue-700" : "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50";

  return (
    <div
      ref={containerRef}
      className="relative"
      onKeyDown={(event) => {
        if (event.key === "Escape" && open) {
          setOpen(false);
          buttonRef.current?.focus();
        }
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((value) => !value)}
        className={`inline-flex items-center gap-2 rounded-md px-3 py-1.5 text-sm font-medium ${buttonStyle}`}
      >
        Add step <span aria-hidden="true">▾</span>
      </button>
      <ul id={menuId} hidden={!open} className="absolute right-0 z-20 mt-1 w-80 rounded-md border border-slate-200 bg-white py-1 shadow-lg">
        {STEP_TYPES.map((type) => (
          <li key={type}>
            <Link
              href={`/projects/${projectId}/steps/new?type=${type}`}
              className="block px-3 py-2 text-sm text-slate-800 hover:bg-slate-100 focus:bg-slate-100"
            >
              {STEP_TYPE_LABELS[type]}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
