// Reads files the user picked, in the browser, with FileReader.
export type StepFile = { path: string; content: string };

export function readAsText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ""));
    reader.onerror = () => reject(reader.error ?? new Error(`Could not read ${file.name}`));
    reader.readAsText(file);
  });
}

/** Base64 of the file's bytes, without the data-URL prefix. */
export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? "").replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error ?? new Error(`Could not read ${file.name}`));
    reader.readAsDataURL(file);
  });
}

/**
 * Reads picked files keeping their relative paths. A folder upload gives "app/base/x.yaml";
 * the top folder's name is dropped so paths are relative to the folder the user chose.
 */
export async function readStepFiles(files: FileList | File[]): Promise<StepFile[]> {
  const list = Array.from(files);
  return Promise.all(list.map(async (file) => ({ path: relativePath(file), content: await readAsText(file) })));
}

function relativePath(file: File): string {
  const relative = file.webkitRelativePath;
  if (!relative) return file.name;
  return relative.split("/").slice(1).join("/") || file.name;
}

/** Adds files, replacing any with the same path. */
export function mergeFiles(existing: StepFile[], added: StepFile[]): StepFile[] {
  const paths = new Set(added.map((file) => file.path));
  return [...existing.filter((file) => !paths.has(file.path)), ...added].sort((a, b) => a.path.localeCompare(b.path));
}
