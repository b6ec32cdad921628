// Turns a failed apply response into one task-log sentence: the object, the HTTP code and the
// API server's message, plus what the code means when that is not obvious from the message.
import { ApplyError } from "./apply-error.ts";
import { statusMessage, type KubeResponse } from "../../kube/http.ts";

type StatusBody = { message?: string; reason?: string; details?: { causes?: { reason?: string; message?: string; field?: string }[] } };

export function applyErrorFromResponse(response: KubeResponse, objectLabel: string): ApplyError {
  const body = (typeof response.body === "object" && response.body !== null ? response.body : {}) as StatusBody;
  const message = statusMessage(response.body);
  const reason = body.reason;
  const prefix = `Could not apply ${objectLabel} (HTTP ${response.status}${reason ? ` ${reason}` : ""})`;
  const details = { httpStatus: response.status, reason, object: objectLabel };
  switch (response.status) {
    case 409: {
      const conflicts = (body.details?.causes ?? []).filter((cause) => cause.reason === "FieldManagerConflict");
      if (conflicts.length === 0) return new ApplyError(`${prefix}: ${message}`, details);
      const managers = [...new Set(conflicts.map((cause) => /conflict with "([^"]+)"/.exec(cause.message ?? "")?.[1]).filter(Boolean))];
      const fields = conflicts.map((cause) => cause.field).filter(Boolean);
      return new ApplyError(
        `${prefix}: field${fields.length > 1 ? "s" : ""} ${fields.join(", ")} ${fields.length > 1 ? "are" : "is"} owned by another field manager (${managers.map((m) => `"${m}"`).join(", ")}). ` +
          `kdeploy does not take ownership by force; remove the field from the manifest or from the other manager. API server: ${message}`,
        details,
      );
    }
    case 500:
      // The API server answers a manifest that does not fit the kind's schema with a 500 ("failed
      // to create typed patch object (...): <field>: <problem>"): it is the manifest's fault. An
      // unknown field and a value of the wrong type get different hints.
      if (/field not declared in schema/.test(message)) {
        return new ApplyError(`${prefix}: the manifest has a field this kind does not have (misspelled or misplaced?). API server: ${message}`, details);
      }
      if (/expected [\w ()]+, got \w+/.test(message)) {
        const field = /\): (\.[^:]+): expected/.exec(message)?.[1];
        return new ApplyError(
          `${prefix}: ${field ? `the value of ${field}` : "a value in the manifest"} has the wrong type (quote or unquote it?). API server: ${message}`,
          details,
        );
      }
      if (/failed to create typed patch object/.test(message)) {
        return new ApplyError(`${prefix}: the manifest does not match the schema of this kind. API server: ${message}`, details);
      }
      return new ApplyError(`${prefix}: ${message}`, details);
    case 403:
      return new ApplyError(`${prefix}: the target's credential is not allowed to do this. API server: ${message}`, details);
    case 401:
      return new ApplyError(`${prefix}: the API server rejected the target's credential. API server: ${message}`, details);
    default:
      return new ApplyError(`${prefix}: ${message}`, details);
  }
}
