// The one shape of every API error body, so the browser can show field errors generically.
export type FieldIssue = { path: string; message: string };

export type ApiErrorBody = {
  error:
    | "validation_failed"
    | "unauthorized"
    | "not_found"
    | "conflict"
    | "payload_too_large"
    | "bad_request"
    | "forbidden"
    | "unsupported_media_type"
    | "database_unavailable"
    | "internal";
  message: string;
  /** validation_failed: one entry per problem, path like "config.containers.0.image". */
  issues?: FieldIssue[];
  /** internal, database_unavailable: quote it to an operator; the server log has the details under this id. */
  errorId?: string;
};
