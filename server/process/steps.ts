// The steps of a project's deployment process. Every change runs in one transaction that also
// bumps the project's processVersion, so a failed save leaves the database as it was and the
// UI can tell that the process differs from the latest release.
import type { Database, Prisma } from "../store/database.ts";
import type { StepInput, StepType } from "../contracts/steps/index.ts";
import type { StepView } from "../contracts/projects.ts";
import type { Verification } from "../contracts/verification.ts";
import type { Sealer } from "../security/credentials.ts";
import { ConflictError, FieldValidationError, NotFoundError } from "../errors.ts";
import { storableConfig, viewableConfig } from "./step-config.ts";
import { requireAllowedServerPaths } from "../settings/step-server-paths.ts";

type Tx = Prisma.TransactionClient;
type StepRow = {
  id: string;
  position: number;
  name: string;
  type: string;
  enabled: boolean;
  config: unknown;
  verification: unknown;
  version: number;
  updatedAt: Date;
};

export function toStepView(step: StepRow): StepView {
  return {
    id: step.id,
    position: step.position,
    name: step.name,
    type: step.type as StepType,
    enabled: step.enabled,
    config: viewableConfig(step.type, step.config as Record<string, unknown>),
    verification: step.verification as Verification,
    version: step.version,
    updatedAt: step.updatedAt.toISOString(),
  };
}

export async function listSteps(db: Database, projectId: string): Promise<StepView[]> {
  await requireProject(db, projectId);
  const steps = await db.step.findMany({ where: { projectId }, orderBy: { position: "asc" } });
  return steps.map(toStepView);
}

export async function getStep(db: Database, projectId: string, stepId: string): Promise<StepView> {
  const step = await db.step.findFirst({ where: { id: stepId, projectId } });
  if (!step) throw new NotFoundError("Step", stepId);
  return toStepView(step);
}

export async function createStep(db: Database, sealer: Sealer, projectId: string, input: StepInput): Promise<StepView> {
  await requireAllowedServerPaths(db, input);
  const created = await db.$transaction(async (tx) => {
    await requireProject(tx, projectId);
    await requireUniqueName(tx, projectId, input.name);
    const last = await tx.step.findFirst({ where: { projectId }, orderBy: { position: "desc" }, select: { position: true } });
    const step = await tx.step.create({
      data: {
        projectId,
        position: (last?.position ?? -1) + 1,
        name: input.name,
        type: input.type,
        enabled: input.enabled,
        config: storableConfig(input, undefined, sealer) as Prisma.InputJsonValue,
        verification: input.verification as Prisma.InputJsonValue,
      },
    });
    await bumpProcessVersion(tx, projectId);
    return step;
  });
  return toStepView(created);
}

export async function updateStep(
  db: Database,
  sealer: Sealer,
  projectId: string,
  stepId: string,
  input: StepInput & { expectedVersion: number },
): Promise<StepView> {
  await requireAllowedServerPaths(db, input);
  const updated = await db.$transaction(async (tx) => {
    const current = await tx.step.findFirst({ where: { id: stepId, projectId } });
    if (!current) throw new NotFoundError("Step", stepId);
    if (current.type !== input.type) throw new FieldValidationError([{ path: "type", message: "A step's type cannot change; add a new step instead" }]);
    requireVersion(current.version, input.expectedVersion);
    if (input.name !== current.name) await requireUniqueName(tx, projectId, input.name);
    // The version condition makes the check and the write one atomic step.
    const result = await tx.step.updateMany({
      where: { id: stepId, version: input.expectedVersion },
      data: {
        name: input.name,
        enabled: input.enabled,
        config: storableConfig(input, current.config as Record<string, unknown>, sealer) as Prisma.InputJsonValue,
        verification: input.verification as Prisma.InputJsonValue,
        version: { increment: 1 },
      },
    });
    if (result.count === 0) throw staleVersion();
    await bumpProcessVersion(tx, projectId);
    return tx.step.findUniqueOrThrow({ where: { id: stepId } });
  });
  return toStepView(updated);
}

export async function setStepEnabled(db: Database, projectId: string, stepId: string, enabled: boolean, expectedVersion: number): Promise<StepView> {
  const updated = await db.$transaction(async (tx) => {
    const current = await tx.step.findFirst({ where: { id: stepId, projectId } });
    if (!current) throw new NotFoundError("Step", stepId);
    requireVersion(current.version, expectedVersion);
    const result = await tx.step.updateMany({ where: { id: stepId, version: expectedVersion }, data: { enabled, version: { increment: 1 } } });
    if (result.count === 0) throw staleVersion();
    await bumpProcessVersion(tx, projectId);
    return tx.step.findUniqueOrThrow({ where: { id: stepId } });
  });
  return toStepView(updated);
}

export async function deleteStep(db: Database, projectId: string, stepId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const current = await tx.step.findFirst({ where: { id: stepId, projectId } });
    if (!current) throw new NotFoundError("Step", stepId);
    await tx.step.delete({ where: { id: stepId } });
    await bumpProcessVersion(tx, projectId);
  });
}

/** Puts the steps in the given order; the list must name every step of the project once. */
export async function reorderSteps(db: Database, projectId: string, stepIds: string[], expectedProcessVersion: number): Promise<StepView[]> {
  await db.$transaction(async (tx) => {
    const project = await requireProject(tx, projectId);
    if (project.processVersion !== expectedProcessVersion)
      throw new ConflictError("The process was changed by someone else since you loaded it. Reload to see the current order.");
    const steps = await tx.step.findMany({ where: { projectId }, select: { id: true } });
    const known = new Set(steps.map((s) => s.id));
    if (stepIds.length !== known.size || new Set(stepIds).size !== stepIds.length || stepIds.some((id) => !known.has(id))) {
      throw new FieldValidationError([{ path: "stepIds", message: "The new order must list every step of the process exactly once" }]);
    }
    // Two passes keep (projectId, position) free of transient duplicates on both databases.
    for (const [index, id] of stepIds.entries()) await tx.step.update({ where: { id }, data: { position: -1 - index } });
    for (const [index, id] of stepIds.entries()) await tx.step.update({ where: { id }, data: { position: index } });
    await bumpProcessVersion(tx, projectId);
  });
  return listSteps(db, projectId);
}

async function requireProject(tx: Tx | Database, projectId: string) {
  const project = await tx.project.findUnique({ where: { id: projectId } });
  if (!project) throw new NotFoundError("Project", projectId);
  return project;
}

async function requireUniqueName(tx: Tx, projectId: string, name: string) {
  const clash = await tx.step.findFirst({ where: { projectId, name }, select: { id: true } });
  if (clash) throw new FieldValidationError([{ path: "name", message: `A step named "${name}" already exists in this process` }]);
}

function requireVersion(current: number, expected: number) {
  if (current !== expected) throw staleVersion();
}

const staleVersion = () =>
  new ConflictError("This step was changed by someone else since you opened it. Reload it to see their changes, then apply yours again.");

async function bumpProcessVersion(tx: Tx, projectId: string) {
  await tx.project.update({ where: { id: projectId }, data: { processVersion: { increment: 1 } } });
}
