// Where the target of a change can be opened, while it still exists: one query per kind of target
// on the page, by id. A deleted step, a deleted project or an environment that is gone gets no link
// (the event keeps its name).
import type { Database } from "../store/database.ts";

type Target = { id: string; targetType: string; targetId: string | null };

const idsOf = (events: Target[], types: string[]) => [...new Set(events.filter((e) => types.includes(e.targetType) && e.targetId).map((e) => e.targetId!))];

export async function targetLinks(db: Database, events: Target[]): Promise<Map<string, string>> {
  const [projects, steps, releases, deployments, environments] = await Promise.all([
    lookup(idsOf(events, ["project"]), (ids) => db.project.findMany({ where: { id: { in: ids } }, select: { id: true } })),
    lookup(idsOf(events, ["step"]), (ids) => db.step.findMany({ where: { id: { in: ids } }, select: { id: true, projectId: true } })),
    lookup(idsOf(events, ["release"]), (ids) => db.release.findMany({ where: { id: { in: ids } }, select: { id: true, projectId: true } })),
    lookup(idsOf(events, ["deployment"]), (ids) => db.deployment.findMany({ where: { id: { in: ids } }, select: { id: true } })),
    lookup(idsOf(events, ["environment", "target"]), (ids) => db.environment.findMany({ where: { id: { in: ids } }, select: { id: true } })),
  ]);
  const hrefOf = (event: Target): string | undefined => {
    const id = event.targetId;
    if (!id) return event.targetType === "setting" ? "/admin/settings" : undefined;
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
      case "deployment":
        return deployments.has(id) ? `/deployments/${id}` : undefined;
      case "environment":
      case "target":
        return environments.has(id) ? `/environments/${id}` : undefined;
      case "setting":
        return "/admin/settings";
      default:
        // Users, group mappings and tokens have no page of their own yet.
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
