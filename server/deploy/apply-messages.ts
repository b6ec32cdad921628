// The task log's and the outcome's sentences about applied objects: counts read as English
// ("Applied 1 object", "Applied 3 objects"), in one place so no caller forgets the singular.
import { plural } from "../domain/status/objectStatus.ts";

/** The task-log line after server-side apply. */
export const appliedLine = (count: number) => `Applied ${plural(count, "object")} with server-side apply.`;

/** The outcome of a step whose verification is off. */
export const appliedWithoutVerification = (count: number) => `Applied ${plural(count, "object")}; verification is off`;

/** The task-log line when a Helm step starts following its release's objects. */
export const followingHelmRelease = (count: number, releaseName: string) => `Following ${plural(count, "object")} of Helm release ${releaseName}.`;
