// Makes an import issue path readable: "steps.2.config.yaml" → "Step 3 › config.yaml".
export function describeIssuePath(path: string): string {
  const parts = path.split(".").filter((part) => part !== "content");
  if (parts[0] === "steps" && parts[1] !== undefined && /^\d+$/.test(parts[1])) {
    const rest = parts.slice(2).join(".");
    return `Step ${Number(parts[1]) + 1}${rest ? ` › ${rest}` : ""}`;
  }
  return parts.join(".") || "Document";
}
