// Errors the application raises on purpose. app/api/http.ts maps each to its HTTP status;
// anything else is a 500 with an opaque id.
import type { FieldIssue } from "./contracts/api-errors.ts";

export class NotFoundError extends Error {
  constructor(what: string, id: string) {
    super(`${what} ${id} was not found`);
  }
}

/** The request conflicts with the current state (stale version, object in use). */
export class ConflictError extends Error {}

/** Input that passed its schema but breaks a rule that needs the database (a duplicate name). */
export class FieldValidationError extends Error {
  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((issue) => `${issue.path}: ${issue.message}`).join("; "));
  }
}

export class PayloadTooLargeError extends Error {}

export class BadRequestError extends Error {}
