"use client";
// Re-renders the page's server data every `intervalMs` while `active` (a running deployment).
// A later issue replaces this with the live Socket.IO channel.
import { useRouter } from "next/navigation";
import { useEffect } from "react";

export function AutoRefresh({ active, intervalMs = 2000 }: { active: boolean; intervalMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs, router]);
  return active ? (
    <p className="text-xs text-slate-500" aria-live="off">
      Updating automatically while the deployment runs…
    </p>
  ) : null;
}
