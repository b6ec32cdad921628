// Where the target of a change can be opened: while it still exists, and only when the person
// reading the trail may open that page (an auditor reads the trail of steps but not the process
// editor, and deployments only once finished). One query per kind of target on the page, by id.
// A deleted target gets no link; the event keeps its name.
import type { Database } from "../store/database.ts";
import { can, canReadDeployment, type Principal } from "../auth/permissions.ts";

type Target = { id: string; targetType: string; targetId: string | null };
export type LinkViewer = Pick<Principal, "roles">;

const idsOf = (events: Target[], types: string[]) => [...new Set(events.filter((e) => types.includes(e.targetType) && e.targetId).map((e) => e.targetId!))];

export async function targetLinks(db: Database, events: Target[], viewer: LinkViewer): Promise<Map<string, string>> {
  const allowed = (types: string[], permission: Parameters<typeof can>[1]) => (can(viewer, permission) ? idsOf(events, types) : []);
  const [projects, steps, releases, deployments, environments] = await Promise.all([
    lookup(allowed(["project"], "project:read"), (ids) => db.project.findMany({ where: { id: { in: ids } }, select: { id: true } })),
    lookup(allowed(["step"], "project:read"), (ids) => db.step.findMany({ where: { id: { in: ids } }, select: { id: true, projectId: true } })),
    lookup(allowed(["release"], "project:read"), (ids) => db.release.findMany({ where: { id: { in: ids } }, select: { id: true, projectId: true } })),
    lookup(allowed(["deployment"], "deployment:read"), (ids) => db.deployment.findMany({ where: { id: { in: ids } }, select: { id: true, finishedAt: true } })),
    lookup(allowed(["environment", "target"], "environment:read"), (ids) => db.environment.findMany({ where: { id: { in: ids } }, select: { id: true } })),
  ]);
  const users = can(viewer, "users:manage");
  const hrefOf = (event: Target): string | undefined => {
    const id = event.targetId ?? "";
    switch (event.targetType) {
      case "project":
        return projects.has(id) ? `/projects/${id}` : undefined;
      case "step": {
        const step = steps.get(id);
        return step ? `/projects/${step.projectId}/steps/${id}` : undefined;
      }
      case "release": {
        const release = releases.get(id);
        return release ? `/projects/${release.projectId}/releases/${id}` : undefined;
      }
      case "deployment": {
        const deployment = deployments.get(id);
        return deployment && canReadDeployment(viewer, deployment) ? `/deployments/${id}` : undefined;
      }
      case "environment":
      case "target":
        return environments.has(id) ? `/environments/${id}` : undefined;
      case "setting":
        return can(viewer, "settings:manage") ? "/admin/settings" : undefined;
      case "user":
      case "group-mapping":
        return users ? "/admin/users" : undefined;
      default:
        // A token belongs to its user's own account page, which nobody else can open.
        return undefined;
    }
  };
  const links = new Map<string, string>();
  for (const event of events) {
    const href = hrefOf(event);
    if (href) links.set(event.id, href);
  }
  return links;
}

async function lookup<T extends { id: string }>(ids: string[], find: (ids: string[]) => Promise<T[]>): Promise<Map<string, T>> {
  if (ids.length === 0) return new Map();
  return new Map((await find(ids)).map((row) => [row.id, row]));
}
