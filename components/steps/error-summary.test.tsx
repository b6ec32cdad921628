// The error summary lists every problem with its message (issue 11: it listed only field names):
// "Field: message" for a problem whose field is on the page, the message alone otherwise.
import assert from "node:assert/strict";
import { test } from "node:test";
import { problemText, summaryProblems } from "./error-summary.tsx";

const field = (name: string) => ({ id: name.toLowerCase(), name }) as unknown as HTMLElement;

test("each message of each field is listed as 'Field: message'; a problem without a field keeps its message", () => {
  const replicas = field("Replicas");
  const problems = summaryProblems(
    {
      "config.deployment.replicas": ["Replicas must be a whole number", "Replicas must be at least 0"],
      "config.deployment.name": ["Name is required"],
      config: ["The step has no objects to apply"],
    },
    (path) =>
      path === "config.deployment.replicas"
        ? { target: replicas, name: "Replicas" }
        : path === "config.deployment.name"
          ? { target: field("Deployment name"), name: "Deployment name" }
          : undefined,
  );
  assert.deepEqual(problems.map(problemText), [
    "Replicas: Replicas must be a whole number",
    "Replicas: Replicas must be at least 0",
    "Deployment name: Name is required",
    "The step has no objects to apply",
  ]);
  assert.equal(problems[0]!.target, replicas, "the entry links to its field");
  assert.equal(problems[3]!.target, undefined);
});

test("a field found without a visible name shows the message alone, still linked", () => {
  const target = field("x");
  const [problem] = summaryProblems({ "config.files.0.content": ["app.yaml, document 1: missing kind"] }, () => ({ target, name: undefined }));
  assert.equal(problemText(problem!), "app.yaml, document 1: missing kind");
  assert.equal(problem!.target, target);
});
