// Where a key moves the focus in a menu of `labels` (WAI-ARIA APG menu pattern): arrows wrap,
// Home/End jump, a printable character moves to the next item starting with it. null: the key
// does not move the focus.
export function nextMenuIndex(key: string, current: number, labels: readonly string[]): number | null {
  const count = labels.length;
  if (count === 0) return null;
  if (key === "ArrowDown") return current < 0 ? 0 : (current + 1) % count;
  if (key === "ArrowUp") return current < 0 ? count - 1 : (current - 1 + count) % count;
  if (key === "Home") return 0;
  if (key === "End") return count - 1;
  if (key.length === 1 && key.trim() !== "") {
    const letter = key.toLowerCase();
    for (let step = 1; step <= count; step++) {
      const index = (current + step + count) % count;
      if (labels[index]!.toLowerCase().startsWith(letter)) return index;
    }
  }
  return null;
}
