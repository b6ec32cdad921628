"use client";
// ARIA tabs (WAI-ARIA Authoring Practices, automatic activation): Left/Right/Home/End move
// between tabs; only the selected tab is in the Tab order. Panels stay mounted-by-choice:
// the selected one is shown, so state inside panels survives a data refresh. With `urlParam` the
// selected tab is written into the URL (`?tab=log`), so a link or a reload opens the same tab.
import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";

export type TabDefinition = { id: string; label: ReactNode; content: ReactNode };

export function Tabs({ label, tabs, initialTabId, urlParam }: { label: string; tabs: TabDefinition[]; initialTabId?: string; urlParam?: string }) {
  const baseId = useId();
  const [selectedId, setSelected] = useState(initialTabId ?? tabs[0]?.id);
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});

  function setSelectedId(id: string) {
    setSelected(id);
    if (!urlParam) return;
    // replaceState keeps Next's router in step (and adds no history entry per tab click).
    const url = new URL(window.location.href);
    url.searchParams.set(urlParam, id);
    window.history.replaceState(null, "", url);
  }

  function onKeyDown(event: KeyboardEvent, index: number) {
    const last = tabs.length - 1;
    const next = { ArrowRight: index === last ? 0 : index + 1, ArrowLeft: index === 0 ? last : index - 1, Home: 0, End: last }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const tab = tabs[next]!;
    setSelectedId(tab.id);
    tabRefs.current[tab.id]?.focus();
  }

  return (
    <div>
      <div role="tablist" aria-label={label} className="flex gap-1 border-b border-slate-200">
        {tabs.map((tab, index) => {
          const selected = tab.id === selectedId;
          return (
            <button
              key={tab.id}
              ref={(element) => {
                tabRefs.current[tab.id] = element;
              }}
              type="button"
              role="tab"
              id={`${baseId}-tab-${tab.id}`}
              aria-selected={selected}
              aria-controls={`${baseId}-panel-${tab.id}`}
              tabIndex={selected ? 0 : -1}
              onClick={() => setSelectedId(tab.id)}
              onKeyDown={(event) => onKeyDown(event, index)}
              className={`-mb-px border-b-2 px-4 py-2 text-sm font-medium ${selected ? "border-blue-600 text-blue-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"}`}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      {tabs.map((tab) => (
        <div
          key={tab.id}
          role="tabpanel"
          id={`${baseId}-panel-${tab.id}`}
          aria-labelledby={`${baseId}-tab-${tab.id}`}
          hidden={tab.id !== selectedId}
          tabIndex={0}
          className="pt-4 focus-visible:outline-offset-4"
        >
          {tab.content}
        </div>
      ))}
    </div>
  );
}
