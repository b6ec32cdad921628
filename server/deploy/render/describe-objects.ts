// The task-log line that says what a render produced.
import type { KubeObject } from "./form-objects.ts";

const MAX_LISTED = 20;

export function describeObject(object: KubeObject): string {
  return `${object.kind}/${object.metadata.name}`;
}

/** "Rendered 3 objects from inline YAML: Deployment/web, Service/web, ConfigMap/settings" */
export function describeRendered(objects: KubeObject[], source: string): string {
  if (objects.length === 0) return `Rendered no objects from ${source}`;
  const listed = objects.slice(0, MAX_LISTED).map(describeObject).join(", ");
  const more = objects.length > MAX_LISTED ? ` and ${objects.length - MAX_LISTED} more` : "";
  return `Rendered ${objects.length} object${objects.length === 1 ? "" : "s"} from ${source}: ${listed}${more}`;
}
