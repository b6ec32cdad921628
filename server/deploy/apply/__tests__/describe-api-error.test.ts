import assert from "node:assert/strict";
import { test } from "node:test";
import { applyErrorFromResponse } from "../describe-api-error.ts";

test("a 409 apply conflict names the other field manager and the fields", () => {
  const body = {
    kind: "Status",
    message: 'Apply failed with 2 conflicts: conflict with "kubectl": .spec.replicas',
    reason: "Conflict",
    code: 409,
    details: {
      causes: [
        { reason: "FieldManagerConflict", message: 'conflict with "kubectl"', field: ".spec.replicas" },
        { reason: "FieldManagerConflict", message: 'conflict with "kubectl"', field: ".spec.paused" },
      ],
    },
  };
  const error = applyErrorFromResponse({ status: 409, body }, "Deployment shop/web");
  assert.match(
    error.message,
    /^Could not apply Deployment shop\/web \(HTTP 409 Conflict\): fields \.spec\.replicas, \.spec\.paused are owned by another field manager \("kubectl"\)/,
  );
  assert.equal(error.details.httpStatus, 409);
});

test("403 and plain-text bodies keep the server's words", () => {
  assert.match(
    applyErrorFromResponse(
      { status: 403, body: { message: 'deployments.apps "web" is forbidden: User "ci" cannot patch', reason: "Forbidden" } },
      "Deployment shop/web",
    ).message,
    /HTTP 403 Forbidden\): the target's credential is not allowed to do this\. API server: deployments\.apps "web" is forbidden/,
  );
  assert.equal(
    applyErrorFromResponse({ status: 502, body: "Bad Gateway\n" }, "ConfigMap a/b").message,
    "Could not apply ConfigMap a/b (HTTP 502): Bad Gateway",
  );
});

test("a value of the wrong type gets a type hint, an unknown field the spelling hint", () => {
  const typed = applyErrorFromResponse(
    {
      status: 500,
      body: {
        message: "failed to create typed patch object (shop/web; apps/v1, Kind=Deployment): .spec.replicas: expected numeric (int or float), got string",
      },
    },
    "Deployment shop/web",
  );
  assert.match(
    typed.message,
    /HTTP 500\): the value of \.spec\.replicas has the wrong type \(quote or unquote it\?\)\. API server: failed to create typed patch object/,
  );
  assert.doesNotMatch(typed.message, /misspelled/);
  const unknown = applyErrorFromResponse(
    {
      status: 500,
      body: { message: "failed to create typed patch object (shop/web; apps/v1, Kind=Deployment): .spec.replcas: field not declared in schema" },
    },
    "Deployment shop/web",
  );
  assert.match(unknown.message, /a field this kind does not have \(misspelled or misplaced\?\)\. API server: .*\.spec\.replcas: field not declared in schema/);
});
