// A step could not be turned into objects. The message is written for the task log: it names the
// source (inline YAML, a file, the Kustomize output) and what is wrong, without a stack trace.
export class RenderError extends Error {
  override name = "RenderError";
}
