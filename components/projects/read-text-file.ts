// Reads an uploaded file as text, refusing files larger than `maxBytes` before reading them.
import { formatBytes } from "@/server/contracts/limits.ts";

export async function readTextFile(file: File, maxBytes: number): Promise<{ text: string } | { error: string }> {
  if (file.size > maxBytes) return { error: `${file.name} is ${formatBytes(file.size)}; the limit is ${formatBytes(maxBytes)}` };
  try {
    return { text: await file.text() };
  } catch {
    return { error: `${file.name} could not be read` };
  }
}
