// Checks that need the resource itself, after authorize() allowed the kind of action. A resource
// the principal may not see answers exactly like one that does not exist (404), so ids cannot be
// probed.
import type { Database } from "../store/database.ts";
import { NotFoundError } from "../errors.ts";
import { canDeployTo, canReadDeployment, type Principal } from "./permissions.ts";
import { ForbiddenError } from "./authorize.ts";

export async function assertCanReadDeployment(db: Database, principal: Principal, deploymentId: string): Promise<void> {
  const deployment = await db.deployment.findUnique({ where: { id: deploymentId }, select: { finishedAt: true } });
  if (!deployment || !canReadDeployment(principal, deployment)) throw new NotFoundError("Deployment", deploymentId);
}

export async function assertCanReadStepRun(db: Database, principal: Principal, stepRunId: string): Promise<void> {
  const stepRun = await db.stepRun.findUnique({ where: { id: stepRunId }, select: { deployment: { select: { finishedAt: true } } } });
  if (!stepRun || !canReadDeployment(principal, stepRun.deployment)) throw new NotFoundError("Step run", stepRunId);
}

/** Deploying to an environment outside a release manager's scope is a 403 with the reason. */
export function assertCanDeployTo(principal: Principal, environment: { id: string; name: string }): void {
  if (!canDeployTo(principal, environment.id)) throw new ForbiddenError(`You may not deploy to ${environment.name}`);
}
