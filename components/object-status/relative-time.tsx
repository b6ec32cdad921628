"use client";
// "12 s ago" that keeps itself current, with the absolute time on hover (title) and for
// assistive technology (<time dateTime>).
import { formatTimestamp } from "@/components/deployments/timestamp.tsx";
import { useNow } from "./use-now.ts";

export function RelativeTime({ iso }: { iso: string }) {
  const now = useNow(5000);
  return (
    <time dateTime={iso} title={formatTimestamp(iso)} className="whitespace-nowrap">
      {now === null ? formatTimestamp(iso) : describeAge(now - Date.parse(iso))}
    </time>
  );
}

export function describeAge(ageMs: number): string {
  const seconds = Math.max(0, Math.round(ageMs / 1000));
  if (seconds < 5) return "just now";
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} days ago`;
}
