// Apply failed. The message is for the task log: which object, the HTTP code, and the API
// server's own words. `applied` holds the objects applied before the failure, so the caller can
// still track (and show) what did reach the cluster.
import type { AppliedObject } from "./applied-object.ts";

export class ApplyError extends Error {
  override name = "ApplyError";
  constructor(
    message: string,
    readonly details: { httpStatus?: number; reason?: string; object?: string; applied?: AppliedObject[] } = {},
  ) {
    super(message);
  }
  get applied(): AppliedObject[] {
    return this.details.applied ?? [];
  }
}
