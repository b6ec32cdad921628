export function UnreleasedBadge() {
  return (
    <span className="inline-flex items-center gap-1 rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-inset ring-amber-300">
      <span aria-hidden="true">●</span>
      Unreleased changes
    </span>
  );
}
