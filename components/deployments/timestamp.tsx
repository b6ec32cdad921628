// A point in time, formatted the same on the server and in the browser (UTC) so hydration matches.
export function formatTimestamp(iso: string, precision: "date-time" | "time" = "date-time"): string {
  const [date = "", time = ""] = iso.split("T");
  const clock = time.slice(0, precision === "time" ? 12 : 8);
  return precision === "time" ? clock : `${date} ${clock} UTC`;
}

export function Timestamp({ iso, precision = "date-time", fallback = "—" }: { iso: string | null; precision?: "date-time" | "time"; fallback?: string }) {
  if (!iso) return <span className="text-slate-400">{fallback}</span>;
  return (
    <time dateTime={iso} title={iso}>
      {formatTimestamp(iso, precision)}
    </time>
  );
}
