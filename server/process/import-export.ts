// Export and import of a deployment process. Export never contains secret values (only keys, and
// "<redacted>" in the text of YAML steps); import replaces the whole process in one transaction
// and keeps the stored secret value of a key (or of a "<redacted>" in a YAML step's Secret) when
// a step of the same name and type already holds it. A step imported without a
// verification block was saved before verification existed, so its verification is off.
import { parse, stringify } from "yaml";
import type { Database, Prisma } from "../store/database.ts";
import type { Sealer } from "../security/credentials.ts";
import { PROCESS_DOCUMENT_KIND, processDocument, type ProcessDocument } from "../contracts/process-document.ts";
import { isHelm, stepInput, type StepInput, type StepType } from "../contracts/steps/index.ts";
import { legacyVerification } from "../contracts/verification.ts";
import type { StepView } from "../contracts/projects.ts";
import type { FieldIssue } from "../contracts/api-errors.ts";
import { FieldValidationError, NotFoundError } from "../errors.ts";
import { storableConfig } from "./step-config.ts";
import { listSteps } from "./steps.ts";
import { requireAllowedServerPathsOfSteps } from "../settings/step-server-paths.ts";

export async function exportProcess(db: Database, projectId: string, format: "json" | "yaml"): Promise<string> {
  const project = await db.project.findUnique({ where: { id: projectId } });
  if (!project) throw new NotFoundError("Project", projectId);
  const steps = await listSteps(db, projectId);
  const document: ProcessDocument = {
    kind: PROCESS_DOCUMENT_KIND,
    formatVersion: 1,
    project: { name: project.name },
    steps: steps.map((step) => ({
      name: step.name,
      type: step.type,
      enabled: step.enabled,
      config: withoutSecretValues(step),
      verification: step.verification,
    })),
  };
  return format === "json" ? JSON.stringify(document, null, 2) + "\n" : stringify(document);
}

/** Secret entries are exported as keys only: `{ key }`. */
function withoutSecretValues(step: StepView): unknown {
  const strip = (entries: { key: string }[]) => entries.map((entry) => ({ key: entry.key }));
  if (step.type === "secret") return { ...step.config, data: strip(step.config.data as { key: string }[]) };
  if (step.type === "kubernetes-resources") {
    const secret = step.config.secret as { data: { key: string }[] };
    return { ...step.config, secret: { ...secret, data: strip(secret.data) } };
  }
  return step.config;
}

export function parseProcessDocument(content: string): ProcessDocument {
  let raw: unknown;
  try {
    raw = parse(content); // YAML is a superset of JSON: one parser reads both
  } catch (error) {
    throw new FieldValidationError([{ path: "content", message: `Not valid JSON or YAML: ${(error as Error).message.split("\n")[0]}` }]);
  }
  const result = processDocument.safeParse(raw);
  if (!result.success)
    throw new FieldValidationError(result.error.issues.map((issue) => ({ path: ["content", ...issue.path].join("."), message: issue.message })));
  return result.data;
}

export function validateImportedSteps(document: ProcessDocument): StepInput[] {
  const issues: FieldIssue[] = [];
  const steps: StepInput[] = [];
  const names = new Set<string>();
  document.steps.forEach((raw, index) => {
    const verification = raw.verification ?? legacyVerification(isHelm(raw.type as StepType));
    const result = stepInput.safeParse({ ...raw, verification });
    if (!result.success) {
      issues.push(
        ...result.error.issues.map((issue) => ({ path: ["steps", index, ...issue.path].join("."), message: `Step "${raw.name}": ${issue.message}` })),
      );
      return;
    }
    if (names.has(result.data.name)) issues.push({ path: `steps.${index}.name`, message: `Two steps are named "${result.data.name}"` });
    names.add(result.data.name);
    steps.push(result.data);
  });
  if (issues.length) throw new FieldValidationError(issues);
  return steps;
}

export async function importProcess(db: Database, sealer: Sealer, projectId: string, content: string): Promise<StepView[]> {
  const steps = validateImportedSteps(parseProcessDocument(content));
  await requireAllowedServerPathsOfSteps(db, steps);
  await db.$transaction(async (tx) => {
    const project = await tx.project.findUnique({ where: { id: projectId }, include: { steps: true } });
    if (!project) throw new NotFoundError("Project", projectId);
    const previous = new Map(project.steps.map((step) => [`${step.type}/${step.name}`, step.config as Record<string, unknown>]));
    const issues: FieldIssue[] = [];
    const rows = steps.map((step, position) => {
      try {
        return { step, position, config: storableConfig(step, previous.get(`${step.type}/${step.name}`), sealer) };
      } catch (error) {
        if (!(error instanceof FieldValidationError)) throw error;
        issues.push(
          ...error.issues.map((issue) => ({
            path: `steps.${position}.${issue.path}`,
            message: `Step "${step.name}": secret values are not exported; ${lowerFirst(issue.message)}`,
          })),
        );
        return undefined;
      }
    });
    if (issues.length) throw new FieldValidationError(issues);
    await tx.step.deleteMany({ where: { projectId } });
    for (const row of rows) {
      if (!row) continue;
      await tx.step.create({
        data: {
          projectId,
          position: row.position,
          name: row.step.name,
          type: row.step.type,
          enabled: row.step.enabled,
          config: row.config as Prisma.InputJsonValue,
          verification: row.step.verification as Prisma.InputJsonValue,
        },
      });
    }
    await tx.project.update({ where: { id: projectId }, data: { processVersion: { increment: 1 } } });
  });
  return listSteps(db, projectId);
}

// Only the first letter: the rest may name keys and Secrets, which are case-sensitive.
const lowerFirst = (message: string) => message.charAt(0).toLowerCase() + message.slice(1);
