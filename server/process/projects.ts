// Projects: the owners of a deployment process and its releases.
import type { Database } from "../store/database.ts";
import type { ProjectInput, ProjectView } from "../contracts/projects.ts";
import { ConflictError, NotFoundError } from "../errors.ts";

export function slugify(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 50);
  return slug || "project";
}

export async function listProjects(db: Database): Promise<ProjectView[]> {
  const projects = await db.project.findMany({
    orderBy: { name: "asc" },
    include: { _count: { select: { steps: true, releases: true } }, releases: { orderBy: { createdAt: "desc" }, take: 1 } },
  });
  return projects.map((project) => toView(project, project._count, project.releases[0]));
}

export async function getProject(db: Database, idOrSlug: string): Promise<ProjectView> {
  const project = await db.project.findFirst({
    where: { OR: [{ id: idOrSlug }, { slug: idOrSlug }] },
    include: { _count: { select: { steps: true, releases: true } }, releases: { orderBy: { createdAt: "desc" }, take: 1 } },
  });
  if (!project) throw new NotFoundError("Project", idOrSlug);
  return toView(project, project._count, project.releases[0]);
}

export async function createProject(db: Database, input: ProjectInput): Promise<ProjectView> {
  const base = slugify(input.name);
  const taken = new Set((await db.project.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((p) => p.slug));
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  const project = await db.project.create({ data: { slug, name: input.name, description: input.description } });
  return getProject(db, project.id);
}

export async function updateProject(db: Database, id: string, input: ProjectInput): Promise<ProjectView> {
  const result = await db.project.updateMany({ where: { id }, data: { name: input.name, description: input.description } });
  if (result.count === 0) throw new NotFoundError("Project", id);
  return getProject(db, id);
}

export async function deleteProject(db: Database, id: string): Promise<void> {
  const project = await db.project.findUnique({ where: { id }, include: { _count: { select: { deployments: true } } } });
  if (!project) throw new NotFoundError("Project", id);
  const active = await db.deployment.count({ where: { projectId: id, status: { in: ["Queued", "Running"] } } });
  if (active > 0) throw new ConflictError("The project has a deployment in progress; wait for it to finish before deleting the project");
  await db.$transaction([db.deployment.deleteMany({ where: { projectId: id } }), db.project.delete({ where: { id } })]);
}

type ProjectRow = { id: string; slug: string; name: string; description: string; processVersion: number; createdAt: Date };

function toView(project: ProjectRow, counts: { steps: number; releases: number }, latest?: { version: string; processVersion: number }): ProjectView {
  return {
    id: project.id,
    slug: project.slug,
    name: project.name,
    description: project.description,
    processVersion: project.processVersion,
    stepCount: counts.steps,
    releaseCount: counts.releases,
    latestRelease: latest?.version ?? null,
    hasUnreleasedChanges: latest ? latest.processVersion !== project.processVersion : counts.steps > 0,
    createdAt: project.createdAt.toISOString(),
  };
}
