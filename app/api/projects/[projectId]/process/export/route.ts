import { route } from "@/server/http/route.ts";
import { BadRequestError } from "@/server/errors.ts";
import { exportProcess } from "@/server/process/import-export.ts";
import { getProject } from "@/server/process/projects.ts";

export const GET = route("project:read", async ({ request, context, params }) => {
  const format = new URL(request.url).searchParams.get("format") ?? "yaml";
  if (format !== "json" && format !== "yaml") throw new BadRequestError("format must be json or yaml");
  const project = await getProject(context.db, params.projectId!);
  const body = await exportProcess(context.db, project.id, format);
  return new Response(body, {
    headers: {
      "content-type": format === "json" ? "application/json; charset=utf-8" : "application/yaml; charset=utf-8",
      "content-disposition": `attachment; filename="${project.slug}-process.${format}"`,
    },
  });
});
