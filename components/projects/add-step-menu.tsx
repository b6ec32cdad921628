"use client";
// "Add step": a menu button (WAI-ARIA APG menu button pattern) listing the eight step types; each
// item links to the step editor. Enter, Space or ArrowDown on the button opens the menu on its
// first item, ArrowUp on its last; in the menu ArrowDown/ArrowUp move (wrapping), Home/End jump,
// a letter moves to the next item starting with it, Escape closes it and returns focus to the
// button, Tab closes it and moves on.
import Link from "next/link";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { STEP_TYPES, STEP_TYPE_LABELS } from "@/server/contracts/steps/index.ts";
import { nextMenuIndex } from "./menu-keys.ts";

export function AddStepMenu({ projectId, variant = "primary" }: { projectId: string; variant?: "primary" | "secondary" }) {
  const [open, setOpen] = useState(false);
  // The item to focus once the menu is shown (focus() needs the menu out of `hidden` first).
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  const menuId = useId();
  const buttonId = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const itemRefs = useRef<(HTMLAnchorElement | null)[]>([]);
  const labels = STEP_TYPES.map((type) => STEP_TYPE_LABELS[type]);

  useEffect(() => {
    if (!open) return;
    const closeOnOutsideClick = (event: MouseEvent) => {
      if (!containerRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", closeOnOutsideClick);
    return () => document.removeEventListener("mousedown", closeOnOutsideClick);
  }, [open]);

  useEffect(() => {
    if (open && focusIndex !== null) itemRefs.current[focusIndex]?.focus();
  }, [open, focusIndex]);

  function openAt(index: number) {
    setOpen(true);
    setFocusIndex(index);
  }

  function close(returnFocus: boolean) {
    setOpen(false);
    setFocusIndex(null);
    if (returnFocus) buttonRef.current?.focus();
  }

  function onButtonKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key === "ArrowDown" || event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      openAt(0);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      openAt(labels.length - 1);
    }
  }

  function onMenuKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    if (event.key === "Escape") {
      event.preventDefault();
      close(true);
      return;
    }
    if (event.key === "Tab") {
      close(false);
      return;
    }
    const current = itemRefs.current.findIndex((item) => item === document.activeElement);
    const next = nextMenuIndex(event.key, current, labels);
    if (next !== null) {
      event.preventDefault();
      setFocusIndex(next);
      itemRefs.current[next]?.focus();
    }
  }

  const buttonStyle = variant === "primary" ? "bg-blue-600 text-white hover:bg-blue-700" : "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50";

  return (
    <div ref={containerRef} className="relative">
      <button
        ref={buttonRef}
        id={buttonId}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => (open ? close(false) : openAt(0))}
        onKeyDown={onButtonKeyDown}
        className={`inline-flex items-center gap-2 rounded-md px-3 py-1.5 text-sm font-medium ${buttonStyle}`}
      >
        Add step <span aria-hidden="true">▾</span>
      </button>
      <ul
        id={menuId}
        role="menu"
        aria-labelledby={buttonId}
        hidden={!open}
        onKeyDown={onMenuKeyDown}
        className="absolute right-0 z-20 mt-1 w-80 rounded-md border border-slate-200 bg-white py-1 text-left shadow-lg"
      >
        {STEP_TYPES.map((type, index) => (
          <li key={type} role="none">
            <Link
              ref={(element) => {
                itemRefs.current[index] = element;
              }}
              role="menuitem"
              tabIndex={-1}
              href={`/projects/${projectId}/steps/new?type=${type}`}
              className="block px-3 py-2 text-sm text-slate-800 outline-none hover:bg-slate-100 focus:bg-blue-50 focus:text-blue-900 focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-blue-600"
            >
              {labels[index]}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
